import { checkCharOf } from '../../src/domain/id-card.js';
import { PRESETS, validateProfile, type Profile } from '../../src/domain/profile.js';
import { describeViolation, type RuleResult, type Violation } from '../../src/domain/violations.js';

/** A valid 18-character identity number: region, birth 'YYYY-MM-DD', sequence (odd = male). */
export function idFor(birthDate: string, opts: { region?: string; seq?: number } = {}): string {
  const region = opts.region ?? '110101';
  const seq = String(opts.seq ?? 123).padStart(3, '0');
  const first17 = `${region}${birthDate.replaceAll('-', '')}${seq}`;
  return first17 + checkCharOf(first17);
}

export function buildProfile(overrides: Partial<Profile> = {}, base: 'lanzhou-2010' | 'yiwu-2007' = 'lanzhou-2010'): Profile {
  const r = validateProfile({ ...PRESETS[base], ...overrides });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

export const LANZHOU = PRESETS['lanzhou-2010'];
export const YIWU = PRESETS['yiwu-2007'];

/** All issues (hard and soft) of a result. */
export function issues<T>(r: RuleResult<T>): readonly Violation[] {
  return r.ok ? r.warnings : [...r.violations, ...r.warnings];
}

/** The rule codes (with reasons) of a result's issues. */
export function codes<T>(r: RuleResult<T>): string[] {
  return issues(r).map((v) => (typeof v.params.reason === 'string' ? `${v.rule}:${v.params.reason}` : v.rule));
}

export function zh(v: Violation): string {
  return describeViolation(v).messageZh;
}
