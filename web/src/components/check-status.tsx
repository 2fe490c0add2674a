/** A rule check as a clerk reads it: status tag, the rule's title and code, and its numbers in Chinese. */
import { Tag, Typography } from 'antd';

export type CheckStatus = 'pass' | 'fail' | 'warning' | 'n/a';

// Text, border and background of each status, dark enough on their tint for WCAG AA (4.5:1) at the tag's small size.
const STATUS: Readonly<Record<CheckStatus, { text: string; color: string; background: string }>> = {
  pass: { text: '符合', color: '#1b5e20', background: '#f1f8e9' },
  fail: { text: '不符合', color: '#b71c1c', background: '#fff1f0' },
  warning: { text: '提醒', color: '#7a4f00', background: '#fffbe6' },
  'n/a': { text: '不适用', color: '#424242', background: '#fafafa' },
};

export function StatusTag({ status }: { readonly status: CheckStatus }) {
  const s = STATUS[status];
  return (
    <Tag variant="outlined" style={{ color: s.color, borderColor: s.color, background: s.background }}>
      {s.text}
    </Tag>
  );
}

const LABELS: Readonly<Record<string, string>> = {
  total: '现有',
  min: '最少',
  max: '最多',
  residents: '居民代表',
  required: '要求',
  actual: '实际',
  groups: '居民小组数',
  units: '驻区单位数',
  seats: '应选名额',
  candidates: '候选人数',
  surplus: '差额',
  days: '天数',
  deadline: '最迟',
  publishedOn: '公布日',
  electionDay: '选举日',
  present: '到会',
  expected: '应到',
  voters: '选民',
  basis: '依据',
  count: '人数',
  registered: '登记选民',
  underage: '未满18周岁',
  both: '两委交叉任职',
  either: '任职人数',
  percent: '比例（%）',
  duplicates: '重复登记',
  elected: '当选',
  vacancies: '空缺',
  issued: '发出选票',
  returned: '收回选票',
  valid: '有效票',
  invalid: '无效票',
  women: '女性',
  seatsFilled: '已选出',
  share: '比例',
  reason: '原因',
};

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map(valueText).join('、');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${LABELS[k] ?? k} ${valueText(v)}`).join('，');
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${y}年${Number(m)}月${Number(d)}日`;
  }
  return String(value);
}

/** Words of the API's enumerated values a clerk reads inside a check's figures. */
const VALUES: Readonly<Record<string, string>> = {
  group: '按居民小组',
  household: '按户',
  unit: '按驻区单位',
  'enforced-at-entry': '录入时逐条校验，不合规的录入已被拒绝；此处未重新核查',
  'not-in-profile': '本规则配置未启用此项规则',
};

/** The Chinese messages of the breaches a check carries (`violations: [{ messageZh, … }]`): the first three and how many in all. */
function violationsText(value: unknown): string {
  if (!Array.isArray(value)) return '';
  const messages = value
    .map((v) => (v && typeof v === 'object' && typeof (v as { messageZh?: unknown }).messageZh === 'string' ? (v as { messageZh: string }).messageZh : ''))
    .filter(Boolean);
  return messages.length > 3 ? `${messages.slice(0, 3).join('；')}；等共${messages.length}条` : messages.join('；');
}

/**
 * `{ total: 12, min: 40, max: 60 }` → `现有 12，最少 40，最多 60`; the breaches' Chinese messages follow; free text is
 * kept as it is. English messages (`message`) and machine fields (`rule`, `status`, `code`) are never shown.
 */
export function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return valueText(details);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
    if (key === 'rule' || key === 'status' || key === 'code' || key === 'message' || key === 'severity') continue;
    if (key === 'violations') {
      const text = violationsText(value);
      if (text) parts.push(text);
    } else if (key === 'messageZh') parts.push(valueText(value));
    else if (typeof value === 'string' && VALUES[value]) parts.push(`${LABELS[key] ?? key} ${VALUES[value]}`);
    else parts.push(`${LABELS[key] ?? key} ${valueText(value)}`);
  }
  return parts.join('，');
}

/** A check's figures as secondary text: two lines, and a 展开 link when there is more (a long list of names). */
export function CheckDetails({ details, extra }: { readonly details: unknown; readonly extra?: string }) {
  const text = [detailsText(details), extra ?? ''].filter(Boolean).join('；');
  if (!text) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} ellipsis={{ rows: 2, expandable: 'collapsible', symbol: (expanded: boolean) => (expanded ? '收起' : '展开') }}>
      {text}
    </Typography.Paragraph>
  );
}
