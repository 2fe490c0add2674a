/**
 * The bridge between the pure rule engine (src/domain) and the API, shared by every use case:
 * - hard violations → `AppError` 422 (`code: 'RULE_VIOLATION'`, `rule` = the first violation's code, messages from
 *   the domain's `describeViolation`, `details.violations` = every violation described);
 * - soft violations (warnings, "一般"/"原则上") must be acknowledged with a written justification
 *   (`justifications: [{ rule, text }]` in the request body); an unacknowledged one → 422 `JUSTIFICATION_REQUIRED`
 *   naming the rule; acknowledged ones are stored in `justifications` and the audit log (same transaction);
 * - TML-PHASE: `assertInPhase({ round, action, on })`;
 * - `loadCommunityContext(db, communityId)` → `{ community, round, profile }`.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import { communities, justifications as justificationsTable, rounds } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { PRESETS, isProfileName, validateProfile, type Profile, type ProfileName } from '../domain/profile.js';
import { listRules, RULES, type Outcome, type RuleListing } from '../domain/rules/index.js';
import { parameterSources, type ParameterSource } from '../domain/profile-sources.js';
import { checkPhase, type Action, type Phase } from '../domain/timeline.js';
import { describeViolation, type DescribedViolation, type RuleCode, type RuleResult, type Violation } from '../domain/violations.js';

export type CommunityRow = typeof communities.$inferSelect;
export type RoundRow = typeof rounds.$inferSelect;

export interface JustificationInput {
  readonly rule: string;
  readonly text: string;
}

// ------------------------------------------------------------------------------------------------ hard rules

/** A 422 for hard violations (at least one). */
export function ruleError(violations: readonly Violation[]): AppError {
  const described = violations.map(describeViolation);
  const first = described[0];
  if (!first) throw new Error('ruleError needs at least one violation');
  return new AppError({
    status: 422,
    code: 'RULE_VIOLATION',
    rule: first.rule,
    message: first.message,
    messageZh: first.messageZh,
    details: { violations: described },
  });
}

export function throwViolations(violations: readonly Violation[]): never {
  throw ruleError(violations);
}

/** Throws the 422 when the result breaks a hard rule; otherwise returns it (warnings still to be handled). */
export function assertNoHard<T>(result: RuleResult<T>): { value: T; warnings: readonly Violation[] } {
  if (!result.ok) throw ruleError(result.violations);
  return { value: result.value, warnings: result.warnings };
}

/** The violations described for an API response (e.g. the rejected rows of an import, a check endpoint). */
export function describeAll(violations: readonly Violation[]): DescribedViolation[] {
  return violations.map(describeViolation);
}

// ------------------------------------------------------------------------------------------------ soft rules

/**
 * Every soft warning must be acknowledged by a justification with the same rule code and a non-empty text.
 * Returns the justifications that acknowledge the warnings (to be recorded); throws 422 otherwise.
 */
export function requireJustifications(
  warnings: readonly Violation[],
  given: readonly JustificationInput[] | undefined,
): { rule: string; text: string; warning: DescribedViolation }[] {
  if (warnings.length === 0) return [];
  const byRule = new Map<string, string>();
  for (const j of given ?? []) {
    const text = j.text.trim();
    if (text.length > 0) byRule.set(j.rule, text);
  }
  const missing = warnings.filter((w) => !byRule.has(w.rule));
  if (missing.length > 0) {
    const described = missing.map(describeViolation);
    const first = described[0]!;
    throw new AppError({
      status: 422,
      code: 'JUSTIFICATION_REQUIRED',
      rule: first.rule,
      message: `${first.message}. This is a soft rule (${first.rule}): acknowledge it with a written justification (justifications: [{ rule: "${first.rule}", text }])`,
      messageZh: `${first.messageZh}。此项为一般性规定（${first.rule}），如确需例外，请说明理由`,
      details: { violations: described, justificationRequired: [...new Set(missing.map((w) => w.rule))] },
    });
  }
  const seen = new Set<string>();
  const out: { rule: string; text: string; warning: DescribedViolation }[] = [];
  for (const w of warnings) {
    if (seen.has(w.rule)) continue;
    seen.add(w.rule);
    out.push({ rule: w.rule, text: byRule.get(w.rule)!, warning: describeViolation(w) });
  }
  return out;
}

/** Stores acknowledged soft-rule breaches with their justification, each audited; call inside the transaction. */
export async function recordJustifications(
  tx: DbOrTx,
  input: {
    readonly actor: Actor;
    readonly roundId: string;
    readonly communityId?: string | null;
    readonly action: string;
    readonly items: readonly { rule: string; text: string; warning: DescribedViolation }[];
  },
): Promise<{ rule: string; text: string }[]> {
  const stored: { rule: string; text: string }[] = [];
  for (const item of input.items) {
    const [row] = await tx
      .insert(justificationsTable)
      .values({
        roundId: input.roundId,
        communityId: input.communityId ?? null,
        rule: item.rule,
        text: item.text,
        byUser: input.actor.id,
      })
      .returning();
    await appendAudit(tx, {
      actor: input.actor,
      action: 'justify',
      entity: 'justification',
      entityId: row!.id,
      after: { rule: item.rule, text: item.text, for: input.action, warning: item.warning.messageZh, details: item.warning.details },
    });
    stored.push({ rule: item.rule, text: item.text });
  }
  return stored;
}

/**
 * One call for a use case: hard violations → 422; soft ones need a justification, which is then recorded.
 * Returns the result's value and the recorded justifications.
 */
export async function enforce<T>(
  tx: DbOrTx,
  input: {
    readonly result: RuleResult<T>;
    readonly justifications?: readonly JustificationInput[] | undefined;
    readonly actor: Actor;
    readonly roundId: string;
    readonly communityId?: string | null;
    readonly action: string;
  },
): Promise<{ value: T; justified: { rule: string; text: string }[] }> {
  const { value, warnings } = assertNoHard(input.result);
  const items = requireJustifications(warnings, input.justifications);
  const justified = items.length
    ? await recordJustifications(tx, { actor: input.actor, roundId: input.roundId, communityId: input.communityId ?? null, action: input.action, items })
    : [];
  return { value, justified };
}

/** Combines several rule results into one (value of the first is irrelevant: null). */
export function combine(results: readonly RuleResult<unknown>[]): RuleResult<null> {
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  for (const r of results) {
    if (!r.ok) violations.push(...r.violations);
    warnings.push(...r.warnings);
  }
  return violations.length ? { ok: false, violations, warnings } : { ok: true, value: null, warnings };
}

// ------------------------------------------------------------------------------------------------ the registry

/** Asks the registry: `RULES[code].evaluate(facts, profile)`. */
export function judge(code: RuleCode, facts: unknown, profile: Profile): Outcome {
  return RULES[code].evaluate(facts, profile);
}

/** The registry's outcomes as one rule result (breaches back as violations: hard ones refuse, soft ones warn). */
export function resultOfOutcomes(outcomes: readonly Outcome[]): RuleResult<null> {
  const violations: Violation[] = [];
  const warnings: Violation[] = [];
  for (const o of outcomes) {
    if (o.status !== 'breach') continue;
    for (const v of o.violations) (v.severity === 'hard' ? violations : warnings).push({ rule: v.rule, severity: v.severity, params: v.details });
  }
  return violations.length ? { ok: false, violations, warnings } : { ok: true, value: null, warnings };
}

// ------------------------------------------------------------------------------------------------ TML-PHASE

/** TML-PHASE: the action's date lies in one of its phases of the round; 422 otherwise. */
export function assertInPhase(input: { readonly round: Pick<RoundRow, 'phases'>; readonly action: Action; readonly on: string }): void {
  const result = checkPhase({ action: input.action, on: input.on, phases: input.round.phases as Phase[] });
  if (!result.ok) throw ruleError(result.violations);
}

// ------------------------------------------------------------------------------------------------ loading

/** Validated profiles by their stored form: every request of a round asks for the same one (a frozen copy). */
const PROFILES = new Map<string, Profile>();
const PROFILES_KEPT = 256;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The round's rule profile: the stored snapshot (a full profile, or overrides of its named preset). */
export function profileOfRound(round: Pick<RoundRow, 'profile' | 'profileName'>): Profile {
  const key = `${round.profileName}\u0000${JSON.stringify(round.profile ?? {})}`;
  const known = PROFILES.get(key);
  if (known) return known;
  const profile = deepFreeze(validatedProfile(round));
  if (PROFILES.size >= PROFILES_KEPT) PROFILES.delete(PROFILES.keys().next().value!);
  PROFILES.set(key, profile);
  return profile;
}

function validatedProfile(round: Pick<RoundRow, 'profile' | 'profileName'>): Profile {
  const stored = (round.profile ?? {}) as Record<string, unknown>;
  const validated = isProfileName(round.profileName) ? validateProfile({ ...stored, base: round.profileName }) : validateProfile(stored);
  if (!validated.ok) {
    throw new AppError({
      status: 500,
      code: 'PROFILE_INVALID',
      message: `The round's stored rule profile is invalid: ${validated.errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      messageZh: '本轮换届保存的规则配置无效，请联系管理员',
    });
  }
  return validated.value;
}

export interface CommunityContext {
  readonly community: CommunityRow;
  readonly round: RoundRow;
  readonly profile: Profile;
}

export async function loadRound(db: DbOrTx, roundId: string): Promise<{ round: RoundRow; profile: Profile }> {
  const [round] = await db.select().from(rounds).where(eq(rounds.id, roundId));
  if (!round) throw errors.notFound('Round', '换届选举轮次');
  return { round, profile: profileOfRound(round) };
}

/** The community, its round and the round's rule profile: what every community use case loads first. */
export async function loadCommunityContext(db: DbOrTx, communityId: string): Promise<CommunityContext> {
  const [row] = await db
    .select({ community: communities, round: rounds })
    .from(communities)
    .innerJoin(rounds, eq(rounds.id, communities.roundId))
    .where(eq(communities.id, communityId));
  if (!row) throw errors.notFound('Community', '社区');
  return { community: row.community, round: row.round, profile: profileOfRound(row.round) };
}

// ------------------------------------------------------------------------------------------------ request schema

/** `justifications?: [{ rule, text }]` for request bodies that may trigger soft rules (说明理由). */
export const JustificationsBody = z
  .array(z.object({ rule: z.string().min(1).max(40), text: z.string().trim().min(1).max(2000) }))
  .max(20)
  .optional();

// ------------------------------------------------------------------------------------------------ GET /rules

/**
 * Every rule of a preset profile with its code, title, source and severity (the registry's listing), and every
 * parameter of the preset with the seed line or article it comes from.
 */
export function rulesOfProfile(name: ProfileName): {
  profile: ProfileName;
  rules: RuleListing[];
  parameters: (Omit<ParameterSource, 'value'> & { value: string })[];
} {
  const parameters = parameterSources(name).map((p) => ({ ...p, value: JSON.stringify(p.value) ?? 'null' }));
  return { profile: name, rules: listRules(PRESETS[name]), parameters };
}
