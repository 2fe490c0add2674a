/** A rule check as a clerk reads it: status tag, the rule's title and code, and its numbers in Chinese. */
import { Tag } from 'antd';

export type CheckStatus = 'pass' | 'fail' | 'warning' | 'n/a';

const STATUS: Readonly<Record<CheckStatus, { text: string; color: string }>> = {
  pass: { text: '符合', color: 'success' },
  fail: { text: '不符合', color: 'error' },
  warning: { text: '提醒', color: 'warning' },
  'n/a': { text: '不适用', color: 'default' },
};

export function StatusTag({ status }: { readonly status: CheckStatus }) {
  const s = STATUS[status];
  return <Tag color={s.color} variant="outlined">{s.text}</Tag>;
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

/** `{ total: 12, min: 40, max: 60 }` → `现有 12，最少 40，最多 60`; free text is kept as it is. */
export function detailsText(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return valueText(details);
  return Object.entries(details as Record<string, unknown>)
    .filter(([key]) => key !== 'rule' && key !== 'status')
    .map(([key, value]) => (key === 'message' || key === 'messageZh' ? valueText(value) : `${LABELS[key] ?? key} ${valueText(value)}`))
    .join('，');
}
