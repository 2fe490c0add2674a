/**
 * Validation errors (400) a clerk can read: each field by its Chinese label (never `body.electionDay`) and what is
 * expected, in Chinese (zod 4's zh-CN locale). One place: the error handler of src/http/app.ts calls it.
 */
import { z } from 'zod';

/** Chinese labels of request fields (the last path segment that is not an index). */
export const FIELD_LABELS_ZH: Readonly<Record<string, string>> = {
  action: '操作',
  address: '住址',
  approved: '是否经同意',
  approvedOn: '批准日期',
  ballot: '投票方式',
  base: '计算基数',
  basis: '提名方式',
  birthDate: '出生日期',
  box: '票箱',
  boxes: '票箱',
  candidateId: '候选人',
  candidates: '候选人',
  chief: '总监票人',
  code: '编码',
  communityId: '社区',
  completedOn: '交接完成日期',
  congressApproved: '党员代表大会批准',
  consent: '被提名人本人同意',
  contest: '选举项目',
  contestId: '选举项目',
  correctionOf: '更正的录入',
  counted: '是否已开箱计票',
  currentPassword: '当前密码',
  date: '日期',
  decidedOn: '处理日期',
  decision: '审核结论',
  decisionReason: '处理理由',
  deputies: '副主任',
  deputySecretaries: '副书记',
  director: '主任',
  districtId: '区',
  duty: '职责',
  education: '文化程度',
  electionDay: '选举日',
  entryId: '录入记录',
  expected: '应到人数',
  explanation: '说明',
  filedBy: '申诉人',
  filedOn: '申诉日期',
  from: '开始日期',
  giver: '委托人',
  giverVoterId: '委托人',
  groupId: '居民小组',
  groupName: '居民小组名称',
  householdNo: '户号',
  households: '户数',
  holderVoterId: '受托人',
  idNumber: '公民身份号码',
  incumbent: '是否原班子成员',
  invalid: '无效票数',
  issued: '发出票数',
  issuedOn: '颁发日期',
  justifications: '理由说明',
  kind: '类型',
  limit: '条数',
  meetingId: '选举大会',
  members: '委员',
  method: '选举方式',
  mobileBoxes: '流动票箱',
  monitors: '监票人',
  name: '名称/姓名',
  newPassword: '新密码',
  nominationIds: '提名',
  nominatorIds: '提名人',
  nominees: '被提名人',
  number: '编号',
  on: '日期',
  page: '页码',
  pageSize: '每页条数',
  parentId: '上级',
  party: '党组织',
  partyElectionDay: '党组织选举日',
  password: '密码',
  perPage: '每页条数',
  person: '人员',
  phases: '工作阶段',
  postponement: '推迟选举',
  place: '地点',
  pollingStations: '投票站',
  post: '职务',
  present: '实到人数',
  previousPublicDeputies: '上届公选副主任人数',
  probationary: '预备党员',
  profile: '规则配置',
  proxies: '委托投票',
  publicDeputies: '公选副主任',
  publishedOn: '公布日期',
  q: '查询内容',
  rcSeats: '居委会职数',
  reason: '理由',
  reviewedOn: '审查同意日期',
  relation: '亲属关系',
  relativesId: '近亲属申报',
  relativeVoterIds: '近亲属',
  reportedOn: '上报日期',
  representativeBasis: '代表推选方式',
  representatives: '代表',
  requested: '是否本人申请',
  residency: '居住类型',
  residencyMonths: '居住月数',
  returned: '收回票数',
  rightsDeprived: '是否被剥夺政治权利',
  role: '角色',
  roles: '副主任身份',
  roundId: '换届选举轮次',
  rule: '规则编号',
  scopeId: '管辖范围',
  seats: '应选名额',
  secretary: '书记',
  sex: '性别',
  stage: '投票轮次',
  status: '状态',
  streetId: '街道',
  term: '届次年份',
  text: '理由',
  to: '结束日期',
  type: '类型',
  unitId: '驻区单位',
  username: '用户名',
  valid: '有效票数',
  voterIds: '选民',
  voterId: '选民',
  votes: '得票',
  writeIn: '另选他人',
  writeIns: '另选他人',
};

const CONTEXT_ZH: Readonly<Record<string, string>> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

const zhCN = z.locales.zhCN().localeError;

const TYPE_ZH: Readonly<Record<string, string>> = {
  number: '数值',
  string: '文本',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  undefined: '空（未填写）',
  null: '空值',
  date: '日期',
  bigint: '整数',
  int: '整数',
  nan: '非数字',
};

/** The Chinese label of a field path (`['phases', 0, 'from']` → 工作阶段第1项的开始日期). */
export function fieldLabelZh(context: string | undefined, path: readonly (string | number)[]): string {
  const parts: string[] = [];
  for (const seg of path) {
    if (typeof seg === 'number' || /^\d+$/.test(String(seg))) parts.push(`第${Number(seg) + 1}项`);
    else parts.push(FIELD_LABELS_ZH[seg] ?? '其中一项');
  }
  if (parts.length === 0) return CONTEXT_ZH[context ?? 'body'] ?? '请求内容';
  return parts.join('的');
}

export interface ValidationIssue {
  readonly keyword: string;
  readonly instancePath: string;
  readonly message?: string | undefined;
  readonly params?: Record<string, unknown>;
}

/** One issue in Chinese: 「选举日」：无效输入：期望 … */
export function issueZh(context: string | undefined, v: ValidationIssue): { field: string; fieldZh: string; message: string; messageZh: string } {
  const path = String(v.instancePath).split('/').filter(Boolean);
  // A refinement of ours (schemas.ts PersonName) says in Chinese what is wrong and which field it is.
  // zod wraps a record key's refusal (a vote's name, schemas.ts VoteKey) in an invalid_key issue: its inner one speaks.
  type Own = { fieldZh?: unknown; messageZh?: unknown };
  const inner =
    v.keyword === 'invalid_key'
      ? ((v.params as { issues?: { code?: string; params?: Own }[] } | undefined)?.issues ?? []).find((i) => i.code === 'custom' && typeof i.params?.messageZh === 'string')
      : undefined;
  const own = v.keyword === 'custom' ? (v.params as { params?: Own } | undefined)?.params : inner?.params;
  if (typeof own?.messageZh === 'string') {
    const label = typeof own.fieldZh === 'string' ? own.fieldZh : FIELD_LABELS_ZH[path[path.length - 1] ?? ''] ?? '其中一项';
    const fieldZh = path.length > 1 ? `${fieldLabelZh(context, path.slice(0, -1))}的${label}` : label;
    return { field: [context, ...path].filter(Boolean).join('.'), fieldZh, message: v.message ?? '', messageZh: own.messageZh };
  }
  const fieldZh = fieldLabelZh(context, path);
  const raw = { ...(v.params ?? {}), code: v.keyword, path, message: v.message, input: (v.params as { input?: unknown } | undefined)?.input } as unknown as Parameters<typeof zhCN>[0];
  const said = zhCN(raw);
  const said0 = typeof said === 'string' ? said : said && typeof said === 'object' && 'message' in said ? String(said.message) : '格式不正确';
  // zod's zh-CN names JavaScript types in English: say them in Chinese. An English custom message (a refine) is not
  // shown: the field's label and 格式不正确 say enough.
  const text = said0.replace(/\b(number|string|boolean|object|array|undefined|null|date|bigint|int|nan)\b/g, (t) => TYPE_ZH[t] ?? t);
  const messageZh = /[A-Za-z]{4,}/.test(text.replace(/ISO|UUID|URL|JSON|base64\w*|IPv\d|E\.164|MAC|GUID|ULID|KSUID|nanoid|cuid2?|XID/g, '')) ? '格式不正确' : text;
  return { field: [context, ...path].filter(Boolean).join('.'), fieldZh, message: v.message ?? '', messageZh };
}
