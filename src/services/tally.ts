/**
 * Tally entry (计票录入): one scrutineer's typing of one sheet per contest and ballot box. A sheet counts only when
 * two different scrutineers typed identical figures (CNT-DOUBLE-ENTRY); it is refused at entry when it does not add
 * up (CNT-ARITH). Entries of one contest are serialised by a row lock on the contest, and the unique index
 * `tally_sheet_once` guarantees one confirmed sheet per contest, box and version even so.
 * No entry, sheet or audit line carries anything that links a ballot to a voter.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.js';
import { ballotBoxes, meetingContests, meetings, tallyDrafts, tallyEntries, tallySheets } from '../db/schema.js';
import { appendAudit, withAuditAtEnd, type Actor } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { checkSheetBallots, checkTallySheet, compareEntries, type EntryMismatch, type TallySheet } from '../domain/tally.js';
import { hard, type Violation } from '../domain/violations.js';
import { assertQuorate, ensureMainContest, loadMeetingContext, lockContest, type ContestRow } from './meetings.js';
import { advanceContest } from './results.js';
import { assertInPhase, describeAll, throwViolations } from './rules.js';
import { assertNotFiled } from './freeze.js';

export interface TallyFigures {
  readonly issued: number;
  readonly returned: number;
  readonly invalid: number;
  readonly overvoted?: number | undefined;
  /** The 有效票 line of the paper, when typed (checked: returned = valid + invalid). */
  readonly valid?: number | null | undefined;
  /** Candidate id or write-in name → votes. */
  readonly votes: Readonly<Record<string, number>>;
}

/** Who types or resolves: an actor, and whether it is the chief scrutineer (总监票人). */
export type TallyActor = Actor & { readonly chief?: boolean };

export interface EnterTallyInput extends TallyFigures {
  readonly actor: TallyActor;
  readonly meetingId: string;
  readonly contest: string;
  readonly contestId?: string | undefined;
  readonly box: string;
  /** The confirmed sheet this entry corrects; needs a reason. */
  readonly correctionOf?: string | undefined;
  readonly reason?: string | undefined;
  /** The day of the entry (TML-PHASE: inside the election phase). */
  readonly today: string;
  /**
   * Finished although the sheet still breaks a rule (the scrutineer spoke to the chief): the entry is kept with its
   * errors and goes to the chief scrutineer. Without it such a sheet is refused (422).
   */
  readonly finishWithErrors?: boolean | undefined;
}

export interface FieldMismatch {
  readonly field: string;
  readonly mine: number | null;
  readonly theirs: number | null;
}

export interface TallyEntryView {
  readonly id: string;
  readonly meetingId: string;
  readonly contestId: string;
  readonly contest: string;
  readonly stage: string;
  readonly box: string;
  readonly sheetVersion: number;
  readonly status: 'pending' | 'confirmed' | 'discarded' | 'superseded';
  /** Set once the sheet is confirmed. */
  readonly sheetId: string | null;
  /** Field-by-field differences from each other pending entry of the same sheet. */
  readonly mismatches: { readonly entryId: string; readonly fields: FieldMismatch[] }[];
}

type EntryRow = typeof tallyEntries.$inferSelect;

export const tallyConflict = (code: string, message: string, messageZh: string, details?: unknown) =>
  new AppError({ status: 409, code, message, messageZh, rule: 'CNT-DOUBLE-ENTRY', details });

/**
 * Votes keyed by candidate id stay keyed by id; any other key is a write-in name (CNT-WRITEIN), trimmed.
 * A key that names a candidate by name is mapped to the candidate's id so two typists cannot disagree on form.
 */
export function normaliseVotes(
  votes: Readonly<Record<string, number>>,
  candidates: readonly { readonly id: string; readonly name: string }[],
): Record<string, number> {
  const byId = new Map(candidates.map((c) => [c.id, c.id]));
  const byName = new Map(candidates.map((c) => [c.name, c.id]));
  const out: Record<string, number> = {};
  for (const [rawKey, n] of Object.entries(votes)) {
    const key = rawKey.trim();
    const id = byId.get(key) ?? byName.get(key) ?? key;
    out[id] = (out[id] ?? 0) + n;
  }
  return out;
}

export function figuresOf(row: Pick<EntryRow, 'issued' | 'returned' | 'invalid' | 'overvoted' | 'valid' | 'votes'>) {
  return {
    issued: row.issued,
    returned: row.returned,
    invalid: row.invalid,
    overvoted: row.overvoted,
    valid: row.valid,
    votes: row.votes as Record<string, number>,
  };
}

export type Figures = ReturnType<typeof figuresOf>;

const sheetOf = (box: string, f: Figures): TallySheet => ({
  box,
  issued: f.issued,
  returned: f.returned,
  invalid: f.invalid,
  ...(f.valid === null ? {} : { valid: f.valid }),
  votes: f.votes,
});

/**
 * The rules one entry can break on its own: CNT-ARITH (the domain's equations, plus the line this API adds to a sheet:
 * the over-voted ballots (CNT-OVERVOTE) are a part of the invalid ones) and CNT-BALLOTS on this box's sheet.
 */
export function checkEntry(box: string, f: Figures, contest: Pick<ContestRow, 'candidates' | 'seats'>): readonly Violation[] {
  const candidates = contest.candidates as { id: string }[];
  const arith = checkTallySheet(sheetOf(box, f), { seats: contest.seats, validCandidateIds: candidates.map((c) => c.id) });
  const issues = arith.ok ? [] : [...arith.violations];
  if (f.overvoted > f.invalid) {
    issues.push(
      hard('CNT-ARITH', {
        equation: `overvoted (${f.overvoted}) > invalid (${f.invalid})`,
        equationZh: `多选无效票(${f.overvoted}) > 无效票(${f.invalid})`,
      }),
    );
  }
  const ballots = checkSheetBallots(f);
  if (!ballots.ok) issues.push(...ballots.violations);
  return issues;
}

/** An entry kept with CNT-ARITH errors is never compared with another: the chief sends it back or discards it. */
export const blocksComparison = (errors: unknown): boolean =>
  Array.isArray(errors) && errors.some((e) => (e as { rule?: string }).rule === 'CNT-ARITH');

/** CNT-DOUBLE-ENTRY: the domain's field-by-field comparison, and the over-voted line. */
export function compareFigures(box: string, a: Figures, b: Figures): readonly EntryMismatch[] {
  const { mismatches } = compareEntries(sheetOf(box, a), sheetOf(box, b));
  const overvoted = a.overvoted !== b.overvoted ? [{ field: 'overvoted', a: a.overvoted, b: b.overvoted }] : [];
  const i = mismatches.findIndex((m) => m.field.startsWith('votes.'));
  return i < 0 ? [...mismatches, ...overvoted] : [...mismatches.slice(0, i), ...overvoted, ...mismatches.slice(i)];
}

export async function enterTallySheet(db: Db, input: EnterTallyInput): Promise<TallyEntryView> {
  // the audit entries (enter, confirm, a contest opened) are written at the end: the chain's lock is held briefly
  return db.transaction(async (tx) => withAuditAtEnd(tx, () => enterInTransaction(tx, input)));
}

export async function enterInTransaction(tx: Tx, input: EnterTallyInput): Promise<TallyEntryView> {
  {
    const ctx = await loadMeetingContext(tx, input.meetingId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: ctx.meeting.kind, purpose: ctx.meeting.purpose, area: 'tally' });
    // The round's timeline bounds its own meetings; a later by-election or recall (AFT-BY-ELECTION) is counted when it is held.
    if (ctx.meeting.purpose === 'election') assertInPhase({ round: ctx.round, action: 'tally', on: input.today });
    assertQuorate(ctx);
    const contest = input.contestId
      ? await lockContest(tx, { meetingId: ctx.meeting.id, contestId: input.contestId })
      : await ensureMainContest(tx, ctx, input.contest, input.actor, input.today);
    if (input.contestId && contest.contest !== input.contest) {
      throw errors.badRequest(
        `contestId belongs to contest ${contest.contest}, not ${input.contest}`,
        `contestId 对应的选举项目是 ${contest.contest}，与 contest 不一致`,
      );
    }
    await assertBox(tx, ctx.meeting.id, input.box);

    const candidates = contest.candidates as { id: string; name: string }[];
    const figures: Figures = {
      issued: input.issued,
      returned: input.returned,
      invalid: input.invalid,
      overvoted: input.overvoted ?? 0,
      valid: input.valid ?? null,
      votes: normaliseVotes(input.votes, candidates),
    };
    const issues = checkEntry(input.box, figures, contest);
    if (issues.length > 0 && !input.finishWithErrors) throwViolations(issues);

    const version = await sheetVersionFor(tx, contest, input);
    await takeClaim(tx, { contestId: contest.id, box: input.box, version, actorId: input.actor.id! });

    const mine = await tx
      .select({ id: tallyEntries.id })
      .from(tallyEntries)
      .where(
        and(
          eq(tallyEntries.contestId, contest.id),
          eq(tallyEntries.box, input.box),
          eq(tallyEntries.sheetVersion, version),
          eq(tallyEntries.enteredBy, input.actor.id!),
          ne(tallyEntries.status, 'discarded'),
        ),
      );
    if (mine.length > 0) {
      throw tallyConflict(
        'ALREADY_ENTERED',
        'You already entered this sheet; a second scrutineer must enter it (or the chief scrutineer discards your entry)',
        '您已录入过该计票单，须由另一名监票人录入核对（或由总监票人作废您的录入后重新录入）',
        { entryId: mine[0]!.id },
      );
    }

    const [entry] = await tx
      .insert(tallyEntries)
      .values({
        meetingId: ctx.meeting.id,
        contestId: contest.id,
        box: input.box,
        sheetVersion: version,
        enteredBy: input.actor.id!,
        ...figures,
        reason: input.reason ?? null,
        errors: issues.length > 0 ? describeAll(issues) : null,
      })
      .returning();
    await appendAudit(tx, {
      actor: input.actor,
      action: input.correctionOf ? 'enter-correction' : 'enter',
      entity: 'tally-entry',
      entityId: entry!.id,
      after: {
        meetingId: ctx.meeting.id,
        contestId: contest.id,
        contest: contest.contest,
        stage: contest.stage,
        box: input.box,
        sheetVersion: version,
        ...figures,
        ...(input.correctionOf ? { correctionOf: input.correctionOf, reason: input.reason } : {}),
        ...(issues.length > 0 ? { finishedWithErrors: issues.map((v) => v.rule) } : {}),
      },
    });

    const others = await tx
      .select()
      .from(tallyEntries)
      .where(
        and(
          eq(tallyEntries.contestId, contest.id),
          eq(tallyEntries.box, input.box),
          eq(tallyEntries.sheetVersion, version),
          eq(tallyEntries.status, 'pending'),
          ne(tallyEntries.id, entry!.id),
        ),
      )
      .orderBy(asc(tallyEntries.createdAt));

    const mismatches: { entryId: string; fields: FieldMismatch[] }[] = [];
    let match: EntryRow | undefined;
    // The second entry is blind: a scrutineer who is not the chief learns which fields differ, never the other's figures.
    const seesTheirs = input.actor.chief === true;
    for (const other of blocksComparison(entry!.errors) ? [] : others) {
      if (other.enteredBy === entry!.enteredBy || blocksComparison(other.errors)) continue;
      const cmp = compareFigures(input.box, figures, figuresOf(other));
      if (cmp.length === 0) {
        match = other;
        break;
      }
      mismatches.push({ entryId: other.id, fields: cmp.map((m) => ({ field: m.field, mine: m.a, theirs: seesTheirs ? m.b : null })) });
    }

    const base = {
      id: entry!.id,
      meetingId: ctx.meeting.id,
      contestId: contest.id,
      contest: contest.contest,
      stage: contest.stage,
      box: input.box,
      sheetVersion: version,
    };
    if (!match) return { ...base, status: 'pending', sheetId: null, mismatches };

    const sheetId = await confirmSheet(tx, { actor: input.actor, contest, box: input.box, version, figures, entries: [match, entry!], supersede: others.filter((o) => o.id !== match.id) });
    await advanceContest(tx, { actor: input.actor, meetingId: ctx.meeting.id, contestId: contest.id });
    return { ...base, status: 'confirmed', sheetId, mismatches: [] };
  }
}

/**
 * The sheet's claim (录入中) belongs to the one who submits: another scrutineer's claim refuses the entry (409), the
 * submitter's own draft is consumed by it.
 */
async function takeClaim(tx: Tx, input: { contestId: string; box: string; version: number; actorId: string }): Promise<void> {
  const [draft] = await tx
    .select({ id: tallyDrafts.id, scrutineerId: tallyDrafts.scrutineerId })
    .from(tallyDrafts)
    .where(and(eq(tallyDrafts.contestId, input.contestId), eq(tallyDrafts.box, input.box), eq(tallyDrafts.sheetVersion, input.version)));
  if (!draft) return;
  if (draft.scrutineerId !== input.actorId) throw sheetClaimed();
  await tx.delete(tallyDrafts).where(eq(tallyDrafts.id, draft.id));
}

export const sheetClaimed = () =>
  tallyConflict('SHEET_CLAIMED', 'Another scrutineer is entering this sheet', '另一位计票人正在录入此计票单');

/** MTG-BOXES: the box is registered for this meeting (422 otherwise). */
export async function assertBox(tx: Tx, meetingId: string, box: string): Promise<void> {
  const [row] = await tx.select({ name: ballotBoxes.name }).from(ballotBoxes).where(and(eq(ballotBoxes.meetingId, meetingId), eq(ballotBoxes.name, box)));
  if (!row) {
    throw new AppError({
      status: 422,
      code: 'RULE_VIOLATION',
      rule: 'MTG-BOXES',
      message: `Ballot box "${box}" is not registered for this meeting`,
      messageZh: `票箱“${box}”未在本次选举会议登记`,
      details: { box },
    });
  }
}

/** Version 1 for a first sheet; the confirmed sheet's version + 1 for a correction (with its reason). */
export async function sheetVersionFor(
  tx: Tx,
  contest: ContestRow,
  input: Pick<EnterTallyInput, 'box' | 'correctionOf' | 'reason'>,
): Promise<number> {
  const [current] = await tx
    .select({ id: tallySheets.id, sheetVersion: tallySheets.sheetVersion })
    .from(tallySheets)
    .where(and(eq(tallySheets.contestId, contest.id), eq(tallySheets.box, input.box), eq(tallySheets.current, true)));
  if (!input.correctionOf) {
    if (current) {
      throw tallyConflict(
        'SHEET_CONFIRMED',
        'This sheet is already confirmed and cannot change; enter a correction (correctionOf, reason)',
        '该计票单已核对确认，不可修改；如需更正，请以更正方式重新录入（注明原计票单和理由）',
        { sheetId: current.id },
      );
    }
    return 1;
  }
  if (!input.reason?.trim()) {
    throw errors.badRequest('A correction needs a reason', '更正计票单须说明理由');
  }
  if (!current || current.id !== input.correctionOf) {
    throw tallyConflict(
      'NOT_CURRENT_SHEET',
      'correctionOf must name the current confirmed sheet of this contest and box',
      '更正的对象须为该票箱当前已确认的计票单',
      { currentSheetId: current?.id ?? null },
    );
  }
  return current.sheetVersion + 1;
}

async function confirmSheet(
  tx: Tx,
  input: {
    actor: Actor;
    contest: ContestRow;
    box: string;
    version: number;
    figures: Figures;
    entries: readonly EntryRow[];
    supersede: readonly EntryRow[];
  },
): Promise<string> {
  const { contest, box, version } = input;
  // The confirmed sheet keeps valid = returned − invalid (the stated line was checked equal at entry).
  const { valid: _stated, ...figures } = input.figures;
  const [previous] = await tx
    .select({ id: tallySheets.id })
    .from(tallySheets)
    .where(and(eq(tallySheets.contestId, contest.id), eq(tallySheets.box, box), eq(tallySheets.current, true)));
  if (previous) await tx.update(tallySheets).set({ current: false }).where(eq(tallySheets.id, previous.id));
  const [sheet] = await tx
    .insert(tallySheets)
    .values({
      meetingId: contest.meetingId,
      contestId: contest.id,
      box,
      sheetVersion: version,
      ...figures,
      entryIds: input.entries.map((e) => e.id),
    })
    .onConflictDoNothing()
    .returning({ id: tallySheets.id });
  if (!sheet) {
    throw tallyConflict('SHEET_CONFIRMED', 'This sheet was confirmed concurrently', '该计票单已被同时核对确认');
  }
  for (const e of input.entries) {
    await tx.update(tallyEntries).set({ status: 'confirmed' }).where(eq(tallyEntries.id, e.id));
  }
  for (const e of input.supersede) {
    await tx.update(tallyEntries).set({ status: 'superseded' }).where(eq(tallyEntries.id, e.id));
  }
  await appendAudit(tx, {
    actor: input.actor,
    action: previous ? 'confirm-correction' : 'confirm',
    entity: 'tally-sheet',
    entityId: sheet.id,
    before: previous ? { sheetId: previous.id } : null,
    after: {
      contestId: contest.id,
      contest: contest.contest,
      stage: contest.stage,
      box,
      sheetVersion: version,
      ...input.figures,
      entryIds: input.entries.map((e) => e.id),
      superseded: input.supersede.map((e) => e.id),
    },
  });
  return sheet.id;
}

/** The chief scrutineer (总监票人) discards one pending entry with a reason; its typist may then enter again. */
export async function discardTallyEntry(db: Db, input: { actor: Actor; entryId: string; reason: string }) {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(tallyEntries).where(eq(tallyEntries.id, input.entryId));
    if (!found) throw errors.notFound('Tally entry', '计票录入');
    const ctx = await loadMeetingContext(tx, found.meetingId);
    await assertNotFiled(tx, { communityId: ctx.community.id, kind: ctx.meeting.kind, purpose: ctx.meeting.purpose, area: 'tally' });
    await lockContest(tx, { meetingId: found.meetingId, contestId: found.contestId });
    const [entry] = await tx.select().from(tallyEntries).where(eq(tallyEntries.id, input.entryId));
    if (entry!.status !== 'pending') {
      throw tallyConflict(
        'ENTRY_NOT_PENDING',
        `Only a pending entry can be discarded; this one is ${entry!.status}`,
        '只能作废尚未核对确认的录入',
        { status: entry!.status },
      );
    }
    await tx.update(tallyEntries).set({ status: 'discarded', reason: input.reason }).where(eq(tallyEntries.id, entry!.id));
    await appendAudit(tx, {
      actor: input.actor,
      action: 'discard',
      entity: 'tally-entry',
      entityId: entry!.id,
      before: { status: 'pending' },
      after: { status: 'discarded', reason: input.reason },
    });
    return { id: entry!.id, status: 'discarded' as const, reason: input.reason };
  });
}

/**
 * Entries of a meeting (no voter data exists to leak). The second entry is blind: a scrutineer who is not the chief
 * reads the figures of their own entries only.
 */
export async function listTallyEntries(db: Db, meetingId: string, reader: TallyActor) {
  const [meeting] = await db.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw errors.notFound('Meeting', '选举会议');
  const rows = await db
    .select({
      id: tallyEntries.id,
      contestId: tallyEntries.contestId,
      contest: meetingContests.contest,
      stage: meetingContests.stage,
      box: tallyEntries.box,
      sheetVersion: tallyEntries.sheetVersion,
      enteredBy: tallyEntries.enteredBy,
      issued: tallyEntries.issued,
      returned: tallyEntries.returned,
      invalid: tallyEntries.invalid,
      overvoted: tallyEntries.overvoted,
      votes: tallyEntries.votes,
      status: tallyEntries.status,
      reason: tallyEntries.reason,
    })
    .from(tallyEntries)
    .innerJoin(meetingContests, eq(meetingContests.id, tallyEntries.contestId))
    .where(eq(tallyEntries.meetingId, meetingId))
    .orderBy(asc(tallyEntries.createdAt));
  const blind = reader.role === 'scrutineer' && !reader.chief;
  return {
    entries: rows.map((r) =>
      blind && r.enteredBy !== reader.id
        ? { ...r, issued: null, returned: null, invalid: null, overvoted: null, votes: null }
        : { ...r, votes: r.votes as Record<string, number> },
    ),
  };
}
