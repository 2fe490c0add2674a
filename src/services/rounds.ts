/** Election rounds (换届选举轮次): a street's round with its rule profile snapshot and dated phases. */
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { communities, rounds, streets } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { isProfileName, PRESETS, validateProfile, type Profile } from '../domain/profile.js';
import { parameterLabelZh, profileChanges } from '../domain/profile-sources.js';
import { changePhase, normalisePhaseName, validatePhases, type Phase, type PhaseProblem } from '../domain/timeline.js';
import { yearOf } from '../domain/dates.js';
import { assertNoHard, judge, loadRound, profileOfRound, resultOfOutcomes, type RoundRow } from './rules.js';

export function listProfiles(): { profiles: Record<string, Profile> } {
  return { profiles: { ...PRESETS } };
}

export function roundView(row: RoundRow) {
  return {
    id: row.id,
    districtId: row.districtId,
    streetId: row.streetId,
    name: row.name,
    term: row.term,
    profileName: row.profileName,
    profile: profileOfRound(row) as unknown as Record<string, unknown>,
    profileChanges: (row.profileChanges ?? []) as { parameter: string; labelZh: string; from: number | boolean | string | null; to: number | boolean | string | null; reason: string }[],
    phases: row.phases as Phase[],
  };
}

/** The term key: the year of the election phase (or of the first phase). */
export function termOf(phases: readonly Phase[]): number {
  const election = phases.find((p) => normalisePhaseName(p.name) === 'election');
  const first = election ?? [...phases].sort((a, b) => (a.from < b.from ? -1 : 1))[0];
  return yearOf(first!.from);
}

export async function createRound(
  db: Db,
  input: { actor: Actor; name: string; streetId: string; profile: unknown; phases: Phase[]; term?: number | undefined; profileReasons?: Readonly<Record<string, string>> | undefined },
) {
  const validated = validateProfile(input.profile);
  if (!validated.ok) {
    const first = validated.errors[0]!;
    throw new AppError({
      status: 400,
      code: 'PROFILE_INVALID',
      message: `Invalid rule profile: ${validated.errors.map((e) => `${e.path || '(profile)'}: ${e.message}`).join('; ')}`,
      messageZh: `规则配置有误：${validated.errors.map((e) => `${e.path || '配置'}：${e.messageZh}`).join('；')}`,
      details: { errors: validated.errors, first },
    });
  }
  const problems = validatePhases(input.phases);
  if (input.phases.length === 0) problems.push({ message: 'at least one phase is required', messageZh: '至少设置一个工作阶段' });
  if (problems.length > 0) throw phasesInvalid(problems);
  const profileName = isPreset(validated.value) ? validated.value.name : 'custom';
  const changes = justifiedChanges(validated.value, input.profileReasons ?? {});
  return db.transaction(async (tx) => {
    const [street] = await tx.select().from(streets).where(eq(streets.id, input.streetId));
    if (!street) throw errors.notFound('Street', '街道');
    const [row] = await tx
      .insert(rounds)
      .values({
        districtId: street.districtId,
        streetId: street.id,
        name: input.name,
        term: input.term ?? termOf(input.phases),
        profileName,
        profile: validated.value,
        profileChanges: changes,
        phases: input.phases,
      })
      .returning();
    const view = roundView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'round', entityId: row!.id, after: view });
    return view;
  });
}

/**
 * Every parameter the round sets differently from its preset, with the reason the steering group gave; a change
 * without a reason in Chinese is refused (422 PROFILE_CHANGE_REASON, naming each parameter).
 */
function justifiedChanges(profile: Profile, reasons: Readonly<Record<string, string>>) {
  const changes = profileChanges(profile).map((change) => ({
    parameter: change.parameter,
    labelZh: parameterLabelZh(change.parameter),
    from: scalar(change.from),
    to: scalar(change.to),
    reason: reasons[change.parameter]?.trim() ?? '',
  }));
  const missing = changes.filter((change) => !/\p{Script=Han}/u.test(change.reason));
  if (missing.length > 0) {
    throw new AppError({
      status: 422,
      code: 'PROFILE_CHANGE_REASON',
      message: `A reason is required for each change from the preset: ${missing.map((c) => c.parameter).join(', ')}`,
      messageZh: `调整了规则配置的以下参数，须用中文说明理由：${missing.map((c) => c.labelZh).join('、')}`,
      details: { missing: missing.map(({ parameter, labelZh, from, to }) => ({ parameter, labelZh, from, to })) },
    });
  }
  return changes;
}

/** A number, yes/no, text or null as it is; a composite value (a fraction, a list) as its JSON text. */
function scalar(value: unknown): number | boolean | string | null {
  return value === null || ['number', 'boolean', 'string'].includes(typeof value) ? (value as number | boolean | string | null) : JSON.stringify(value);
}

function isPreset(profile: Profile): boolean {
  if (!isProfileName(profile.name)) return false;
  return JSON.stringify(PRESETS[profile.name]) === JSON.stringify(profile);
}

export async function getRound(db: DbOrTx, roundId: string) {
  const { round } = await loadRound(db, roundId);
  return roundView(round);
}

/**
 * The steering group (街道换届工作领导小组) extends or moves one phase of a round (TML-PHASE allows an action outside
 * its phase only so). The new dates must leave the phases valid (real dates, not overlapping), and every community's
 * election days must still lie inside the election phase (asked of the registry, TML-PHASE). The reason, in Chinese,
 * is required and kept in the audit entry with the dates before and after.
 */
const phasesInvalid = (problems: readonly PhaseProblem[]): AppError =>
  new AppError({
    status: 400,
    code: 'PHASES_INVALID',
    message: `Invalid phases: ${problems.map((p) => p.message).join('; ')}`,
    messageZh: `工作阶段设置有误：${problems.map((p) => p.messageZh).join('；')}`,
    details: { problems },
  });

export async function changeRoundPhase(
  db: Db,
  input: { actor: Actor; roundId: string; phase: string; from?: string | undefined; to?: string | undefined; reason: string },
) {
  const wanted = normalisePhaseName(input.phase);
  if (wanted === null) throw errors.notFound(`Phase ${input.phase}`, '该工作阶段');
  const reason = input.reason.trim();
  if (!/\p{Script=Han}/u.test(reason)) {
    throw errors.badRequest('The reason must be given in Chinese', '请用中文填写调整工作阶段的理由');
  }
  if (input.from === undefined && input.to === undefined) throw errors.badRequest('Give the new from and/or to date', '请填写新的开始日期或结束日期');
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from rounds where id = ${input.roundId} for update`);
    const { round, profile } = await loadRound(tx, input.roundId);
    const before = round.phases as Phase[];
    const i = before.findIndex((p) => normalisePhaseName(p.name) === wanted);
    if (i < 0) throw errors.notFound(`Phase ${input.phase}`, '该工作阶段');
    const old = before[i]!;
    const changed: Phase = { name: old.name, from: input.from ?? old.from, to: input.to ?? old.to };
    // The phases after it that it now runs into move on by as many days (顺延), recorded with it.
    const phases = changePhase(before, i, changed);
    const problems = validatePhases(phases);
    if (problems.length > 0) throw phasesInvalid(problems);
    const rows = await tx.select().from(communities).where(eq(communities.roundId, round.id));
    const outcomes = rows.flatMap((c) =>
      [c.electionDay, c.partyElectionDay].filter((d): d is string => d !== null).map((on) => judge('TML-PHASE', { action: 'meeting', on, phases }, profile)),
    );
    assertNoHard(resultOfOutcomes(outcomes));
    const [row] = await tx.update(rounds).set({ phases }).where(eq(rounds.id, round.id)).returning();
    await appendAudit(tx, {
      actor: input.actor,
      action: 'change-phase',
      entity: 'round',
      entityId: round.id,
      before: { phase: old, phases: before },
      after: { phase: changed, phases, reason, rule: 'TML-PHASE' },
    });
    return roundView(row!);
  });
}
