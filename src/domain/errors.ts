/**
 * Every error the API returns has one shape:
 * `{ error: { code, message, messageZh, rule?, details? } }` (DESIGN.md).
 */
export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly messageZh: string;
  readonly rule?: string;
  readonly details?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly rule?: string;
  readonly details?: unknown;

  constructor(init: { status: number; code: string; message: string; messageZh: string; rule?: string; details?: unknown }) {
    super(init.message);
    this.status = init.status;
    this.code = init.code;
    this.messageZh = init.messageZh;
    if (init.rule !== undefined) this.rule = init.rule;
    if (init.details !== undefined) this.details = init.details;
  }

  toBody(): { error: ErrorBody } {
    return {
      error: {
        code: this.code,
        message: this.message,
        messageZh: this.messageZh,
        ...(this.rule ? { rule: this.rule } : {}),
        ...(this.details !== undefined ? { details: this.details } : {}),
      },
    };
  }
}

const AREA_ZH: Record<string, string> = { attendance: '到会人数、票箱', tally: '计票', voters: '选民登记', candidates: '提名、候选人' };

export const errors = {
  unauthorized: () =>
    new AppError({ status: 401, code: 'UNAUTHORIZED', message: 'Authentication required', messageZh: '请先登录' }),
  badCredentials: () =>
    new AppError({
      status: 401,
      code: 'BAD_CREDENTIALS',
      message: 'Wrong username or password',
      messageZh: '用户名或密码错误',
    }),
  locked: (until: Date) =>
    new AppError({
      status: 429,
      code: 'ACCOUNT_LOCKED',
      message: `Too many failed logins; try again after ${until.toISOString()}`,
      messageZh: `登录失败次数过多，账户已临时锁定，请于${until.toISOString().slice(11, 16)}（UTC）后再试`,
      details: { lockedUntil: until.toISOString() },
    }),
  tokenExpired: () =>
    new AppError({ status: 401, code: 'TOKEN_EXPIRED', message: 'The token has expired', messageZh: '登录已过期，请重新登录' }),
  sessionEnded: () =>
    new AppError({
      status: 401,
      code: 'SESSION_ENDED',
      message: 'This login has ended (password changed or reset, or the account deactivated); log in again',
      messageZh: '登录已失效（密码已修改或重置，或账户已停用），请重新登录',
    }),
  accountDisabled: () =>
    new AppError({ status: 403, code: 'ACCOUNT_DISABLED', message: 'The account is deactivated', messageZh: '该账户已停用，请联系系统管理员' }),
  /** Data behind a filed election (submitted to or recorded by the bureau) is frozen until a return reopens it. */
  filedFrozen: (details: { filingId: string; kind: 'rc' | 'party'; status: string; area: string }) =>
    new AppError({
      status: 409,
      code: 'FILED_FROZEN',
      message: `The ${details.kind === 'rc' ? "residents' committee" : 'party'} election is filed (${details.status}); its ${details.area} can no longer change`,
      messageZh: `${details.kind === 'rc' ? '居民委员会' : '党组织'}选举结果已${details.status === 'submitted' ? '报送备案' : '备案'}，相关数据（${AREA_ZH[details.area] ?? details.area}）已冻结，不能再修改；如需更正，须由区民政局退回备案`,
      details,
    }),
  postponementBySteeringGroup: () =>
    new AppError({
      status: 403,
      code: 'POSTPONEMENT_BY_STEERING_GROUP',
      message: 'Moving an announced election day later is a postponement: the street steering group records it',
      messageZh: '选举公告发布后推迟选举日，须经街道换届选举工作领导小组批准，由街道在系统中登记',
    }),
  postponementApproval: () =>
    new AppError({
      status: 422,
      code: 'POSTPONEMENT_APPROVAL',
      message: 'A postponement states its reason and the day the steering group approved it (postponement.reason, postponement.approvedOn)',
      messageZh: '推迟选举日须填写推迟理由和领导小组批准日期',
    }),
  forbidden: () =>
    new AppError({ status: 403, code: 'FORBIDDEN', message: 'Not allowed for this role or scope', messageZh: '无权进行此操作或访问此数据' }),
  passwordChangeRequired: () =>
    new AppError({
      status: 403,
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: 'The generated password must be changed first (POST /api/v1/auth/password)',
      messageZh: '请先修改系统生成的初始密码',
    }),
  notFound: (what: string, whatZh: string) =>
    new AppError({ status: 404, code: 'NOT_FOUND', message: `${what} not found`, messageZh: `${whatZh}不存在` }),
  conflict: (code: string, message: string, messageZh: string, details?: unknown) =>
    new AppError({ status: 409, code, message, messageZh, details }),
  badRequest: (message: string, messageZh: string, details?: unknown) =>
    new AppError({ status: 400, code: 'BAD_REQUEST', message, messageZh, details }),
  unavailable: () =>
    new AppError({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly',
      messageZh: '数据库暂时不可用，请稍后重试',
    }),
};
