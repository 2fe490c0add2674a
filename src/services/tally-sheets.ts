/**
 * The tally sheet as the scrutineers work on it (CNT-DOUBLE-ENTRY): opening a sheet claims it (录入中), the partial
 * figures are kept on the server (暂停（保留录入）), the sheet's state is read by everyone of the meeting without the
 * other typist's figures (the second entry is blind), the figures are checked as they are typed (CNT-ARITH,
 * CNT-BALLOTS, CNT-WRITEIN through the domain), and the chief scrutineer (总监票人) sees only the differing fields of
 * two entries and sends one back to its typist with those fields cleared.
 * The entry itself is `enterInTransaction` of ./tally.ts; nothing here decides a threshold.
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { ballotBoxes, candidateLists, meetingContests, tallyDrafts, tallyEntries, tallySheets, users, voters } from '../db/schema.js';
import { appendAudit } from '../db/audit.js';
import { AppError, errors } from '../domain/errors.js';
import { checkWriteIn } from '../domain/tally.js';
import type { Violation } from '../domain/violations.js';
import { assertQuorate, ensureMainContest, loadMeetingContext, lockContest, type ContestRow, type MeetingContext } from './meetings.js';
import { contestsOfKind, seatsOf } from './election-context.js';
import { assertInPhase, describeAll } from './rules.js';
import {
  blocksComparison,
  checkEntry,
  compareFigures,
  enterInTransaction,
  normaliseVotes,
  sheetClaimed,
  sheetVersionFor,
  assertBox,
  tallyConflict,
  type Figures,
  type TallyActor,
  type TallyEntryView,
} from './tally.js';

// ------------------------------------------------------------------------------------------------ types

/** Figures as typed so far: a field not yet typed is absent or null. Write-ins keep the order they were typed in. */
export interface DraftFigures {
  readonly issued?: number | null | undefined;
  readonly returned?: number | null | undefined;
  readonly invalid?: number | null | undefined;
  readonly overvoted?: number | null | undefined;
  /** 有效票 as on the paper. */
  readonly valid?: number | null | undefined;
  /** Candidate id → votes. */
  readonly votes?: Record<string, number | null> | undefined;
  readonly writeIns?: { name: string; votes: number | null }[] | undefined;
}

export type SheetState = 'not-entered' | 'in-progress' | 'entered-once' | 'mismatch' | 'confirmed';

export const SHEET_STATE_ZH: Record<SheetState, string> = {
  'not-entered': '未录入',
  'in-progress': '录入中',
  'entered-once': '已录入一次',
  mismatch: '两次不一致',
  confirmed: '已确认',
};

/** One rule breach as the entry screen shows it: the fields it refers to ('issued', 'votes.<key>', 'writeIns.<i>'). */
export interface SheetIssue {
  readonly rule: string;
  readonly fields: string[];
  readonly messageZh: string;
  readonly equationZh: string | null;
}

export interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly order?: number | undefined;
}

type DraftRow = typeof tallyDrafts.$inferSelect;
type EntryRow = typeof tallyEntries.$inferSelect;

// ------------------------------------------------------------------------------------------------ the sheet's fields

/** One line of the tally sheet, as on the paper: the entry screen and the blank paper sheet both follow this list. */
export interface SheetField {
  /** 'issued', 'returned', 'valid', 'invalid', 'overvoted', 'votes.<candidate id>' or 'writeIns.<i>'. */
  readonly field: string;
  readonly labelZh: string;
  readonly group: 'ballots' | 'candidates' | 'write-ins';
}

/**
 * The fields of one contest's sheet in order: the ballots (发出选票, 收回选票, 有效票, 无效票, of which over-voted), each
 * candidate in ballot order, then one line per seat for write-ins (另选他人, the name and the votes).
 */
export function sheetFields(contest: { readonly seats: number; readonly candidates: readonly Candidate[] }): SheetField[] {
  return [
    { field: 'issued', labelZh: '发出选票', group: 'ballots' },
    { field: 'returned', labelZh: '收回选票', group: 'ballots' },
    { field: 'valid', labelZh: '有效票', group: 'ballots' },
    { field: 'invalid', labelZh: '无效票', group: 'ballots' },
    { field: 'overvoted', labelZh: '其中：多选无效票', group: 'ballots' },
    ...contest.candidates.map((c) => ({ field: `votes.${c.id}`, labelZh: c.name, group: 'candidates' as const })),
    ...Array.from({ length: contest.seats }, (_, i) => ({ field: `writeIns.${i}`, labelZh: `另选他人 ${i + 1}`, group: 'write-ins' as const })),
  ];
}

// ------------------------------------------------------------------------------------------------ figures

/** The figures to submit or check: an empty field counts as 0; write-ins by name. */
export function completeFigures(d: DraftFigures): Figures {
  const votes: Record<string, number> = {};
  for (const [k, n] of Object.entries(d.votes ?? {})) votes[k] = n ?? 0;
  for (const w of d.writeIns ?? []) {
    const name = w.name.trim();
    if (name) votes[name] = (votes[name] ?? 0) + (w.votes ?? 0);
  }
  return { issued: d.issued ?? 0, returned: d.returned ?? 0, invalid: d.invalid ?? 0, overvoted: d.overvoted ?? 0, valid: d.valid ?? 0, votes };
}

/** The screen's field of a vote key: a candidate's `votes.<id>`, a write-in's `writeIns.<i>`. */
function fieldOfKey(key: string, writeIns: readonly { name: string }[]): string {
  const i = writeIns.findIndex((w) => w.name.trim() !== '' && w.name.trim() === key);
  return i >= 0 ? `writeIns.${i}` : `votes.${key}`;
}

/**
 * The fields a breach refers to, from the figures it names (the domain's equations name them in order: issued,
 * returned, invalid, a candidate's votes, the sum of the votes).
 */
function fieldsOf(v: Violation, writeIns: readonly { name: string }[]): string[] {
  const p = v.params;
  if (v.rule === 'CNT-BALLOTS') return ['returned', 'issued'];
  if (v.rule === 'CNT-WRITEIN') return typeof p.field === 'string' ? [p.field] : [];
  if (typeof p.candidate === 'string') return [fieldOfKey(p.candidate, writeIns)];
  const eq = typeof p.equation === 'string' ? p.equation : '';
  if (eq.startsWith('sum of votes')) return ['votes'];
  if (eq.startsWith('overvoted')) return ['overvoted', 'invalid'];
  if (eq.startsWith('invalid (')) return ['invalid', 'returned'];
  if (eq.startsWith('returned (')) return ['returned', 'valid', 'invalid'];
  const m = /^(issued|returned|invalid) is a whole number/.exec(eq);
  return m ? [m[1]!] : [];
}

/** The breach as the clerk reads it: candidates by name (the domain's equations name them by key). */
function issueOf(v: Violation, writeIns: readonly { name: string }[], candidates: readonly Candidate[] = []): SheetIssue {
  const [described] = describeAll([v]);
  const named = (text: string) => candidates.reduce((out, c) => out.replaceAll(c.id, c.name), text);
  return {
    rule: v.rule,
    fields: fieldsOf(v, writeIns),
    messageZh: named(described!.messageZh),
    equationZh: typeof v.params.equationZh === 'string' ? named(v.params.equationZh) : null,
  };
}

/**
 * Every rule the typed figures break: errors (CNT-ARITH, CNT-BALLOTS: the sheet is refused unless finished with
 * errors) and warnings (a write-in who is not an eligible voter of the community, CNT-WRITEIN: passed only by ticking
 * 已与纸质计票单核对, since the paper says what it says).
 */
async function issuesOf(
  db: DbOrTx,
  input: { communityId: string; contest: Pick<ContestRow, 'candidates' | 'seats'>; box: string; figures: DraftFigures },
): Promise<{ errors: SheetIssue[]; warnings: SheetIssue[] }> {
  // Indexes are the lines as sent (an empty line keeps its place), so 'writeIns.<i>' names the screen's line.
  const writeIns = input.figures.writeIns ?? [];
  const candidates = input.contest.candidates as Candidate[];
  const figures = completeFigures(input.figures);
  const normalised = { ...figures, votes: normaliseVotes(figures.votes, candidates) };
  const errorsFound = checkEntry(input.box, normalised, input.contest).map((v) => issueOf(v, writeIns, candidates));
  const warnings: SheetIssue[] = [];
  const eligible = await eligibleNames(db, input.communityId, writeIns.map((w) => w.name.trim()).filter(Boolean));
  writeIns.forEach((w, i) => {
    const name = w.name.trim();
    if (!name) return;
    const check = checkWriteIn({ name, eligible: eligible.has(name) });
    if (!check.ok) for (const v of check.violations) warnings.push(issueOf({ ...v, params: { ...v.params, field: `writeIns.${i}` } }, writeIns));
  });
  return { errors: errorsFound, warnings };
}

/** Names among `names` that are registered voters of the community (CNT-WRITEIN). */
async function eligibleNames(db: DbOrTx, communityId: string, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ name: voters.name })
    .from(voters)
    .where(and(eq(voters.communityId, communityId), inArray(voters.name, [...new Set(names)])));
  return new Set(rows.map((r) => r.name));
}

/** CNT-WRITEIN as a name is typed: whether it names an eligible voter of the meeting's community (no identity data). */
export async function checkWriteInName(db: Db, input: { meetingId: string; name: string }) {
  const ctx = await loadMeetingContext(db, input.meetingId);
  const name = input.name.trim();
  const [row] = await db
    .selectDistinct({ name: voters.name })
    .from(voters)
    .where(and(eq(voters.communityId, ctx.community.id), eq(voters.name, name)));
  const eligible = checkWriteIn({ name, eligible: row !== undefined });
  return {
    name,
    eligible: eligible.ok,
    ...(eligible.ok ? {} : { messageZh: describeAll(eligible.violations)[0]!.messageZh }),
  };
}

// ------------------------------------------------------------------------------------------------ sheets of a meeting

interface ContestRef {
  readonly contestId: string | null;
  readonly contest: string;
  readonly stage: string;
  readonly seats: number;
  readonly candidates: Candidate[];
}

/** The contests of a meeting: those opened (main, re-vote, run-off, officers) and the main ones still to open. */
async function contestsOf(db: DbOrTx, ctx: MeetingContext): Promise<ContestRef[]> {
  const opened = await db.select().from(meetingContests).where(eq(meetingContests.meetingId, ctx.meeting.id)).orderBy(asc(meetingContests.createdAt));
  const lists = await db
    .select({ contest: candidateLists.contest, candidates: candidateLists.candidates })
    .from(candidateLists)
    .where(and(eq(candidateLists.communityId, ctx.community.id), eq(candidateLists.current, true)));
  const out: ContestRef[] = [];
  for (const contest of ctx.meeting.purpose === 'election' ? contestsOfKind(ctx.meeting.kind) : []) {
    if (opened.some((o) => o.contest === contest && o.stage === 'main' && o.parentId === null)) continue;
    const list = lists.find((l) => l.contest === contest);
    if (!list) continue;
    const candidates = (list.candidates as { nominationId: string; name: string; order: number }[]).map((c) => ({ id: c.nominationId, name: c.name, order: c.order }));
    out.push({ contestId: null, contest, stage: 'main', seats: seatsOf(ctx.community, contest), candidates });
  }
  for (const o of opened) out.push({ contestId: o.id, contest: o.contest, stage: o.stage, seats: o.seats, candidates: o.candidates as Candidate[] });
  const rank = (c: ContestRef) => contestsOfKind(ctx.meeting.kind).indexOf(c.contest);
  return out.sort((a, b) => rank(a) - rank(b));
}

export interface SheetView {
  readonly contestId: string | null;
  readonly contest: string;
  readonly stage: string;
  readonly seats: number;
  readonly box: string;
  readonly sheetVersion: number;
  readonly state: SheetState;
  readonly stateZh: string;
  /** Finished entries of this version still waiting (0, 1 or 2). */
  readonly entries: number;
  /** Waiting for the chief scrutineer: two entries differ, or an entry was finished with errors. */
  readonly needsChief: boolean;
  readonly confirmedSheetId: string | null;
  /** The reader's own part: a draft being typed, or an entry finished. */
  readonly mine: 'draft' | 'entered' | null;
  /** Why the reader may not open this sheet now (null: they may). */
  readonly blockedZh: string | null;
  /** The chief's view: the waiting entries' ids (never their figures). */
  readonly entryIds?: string[];
}

interface SheetFacts {
  readonly version: number;
  readonly current: { id: string; sheetVersion: number } | undefined;
  readonly draft: DraftRow | undefined;
  readonly pending: EntryRow[];
}

function stateOf(f: SheetFacts): { state: SheetState; needsChief: boolean } {
  const withErrors = f.pending.some((e) => e.errors !== null);
  const [a, b] = f.pending.filter((e) => !blocksComparison(e.errors));
  const differ = a !== undefined && b !== undefined && a.enteredBy !== b.enteredBy && compareFigures(a.box, figuresOfRow(a), figuresOfRow(b)).length > 0;
  if (differ) return { state: 'mismatch', needsChief: true };
  if (f.draft) return { state: 'in-progress', needsChief: withErrors };
  if (f.pending.length > 0) return { state: 'entered-once', needsChief: withErrors };
  if (f.current && f.current.sheetVersion === f.version) return { state: 'confirmed', needsChief: false };
  return { state: 'not-entered', needsChief: false };
}

const figuresOfRow = (e: EntryRow): Figures => ({
  issued: e.issued,
  returned: e.returned,
  invalid: e.invalid,
  overvoted: e.overvoted,
  valid: e.valid,
  votes: e.votes as Record<string, number>,
});

/** Why `actorId` may not open the sheet now, in Chinese (null: they may); the same reasons refuse the claim (409). */
function blockOf(f: SheetFacts, state: SheetState, actorId: string): AppError | null {
  if (f.draft && f.draft.scrutineerId !== actorId) return sheetClaimed();
  if (f.draft) return null;
  if (state === 'confirmed') {
    return tallyConflict('SHEET_CONFIRMED', 'This sheet is confirmed and read-only; a correction is a new pair of entries with a reason', '该计票单已确认，不可修改；如需更正，须说明理由并重新录入两次');
  }
  if (state === 'mismatch') {
    return tallyConflict('SHEET_MISMATCH', 'The two entries differ; the chief scrutineer resolves them', '两次录入不一致，请等待总监票人处理');
  }
  if (f.pending.some((e) => e.enteredBy === actorId)) {
    return tallyConflict(
      'ALREADY_ENTERED',
      'You made the first entry of this sheet; the second entry must be made by another scrutineer',
      '您已完成此计票单的第一次录入，第二次录入须由另一位计票人完成',
    );
  }
  if (f.pending.some((e) => blocksComparison(e.errors))) {
    return tallyConflict(
      'ENTRY_WITH_ERRORS',
      'The first entry was finished with errors and waits for the chief scrutineer',
      '第一次录入带有错误，已交总监票人处理，暂不能进行第二次录入',
    );
  }
  return null;
}

async function factsOf(db: DbOrTx, contestId: string | null, box: string, forVersion?: number): Promise<SheetFacts> {
  if (!contestId) return { version: 1, current: undefined, draft: undefined, pending: [] };
  const [current] = await db
    .select({ id: tallySheets.id, sheetVersion: tallySheets.sheetVersion })
    .from(tallySheets)
    .where(and(eq(tallySheets.contestId, contestId), eq(tallySheets.box, box), eq(tallySheets.current, true)));
  const drafts = await db.select().from(tallyDrafts).where(and(eq(tallyDrafts.contestId, contestId), eq(tallyDrafts.box, box)));
  const pendingAll = await db
    .select()
    .from(tallyEntries)
    .where(and(eq(tallyEntries.contestId, contestId), eq(tallyEntries.box, box), eq(tallyEntries.status, 'pending')))
    .orderBy(asc(tallyEntries.createdAt));
  // The version being worked on: a correction in progress, else the confirmed one, else the first.
  const working = Math.max(0, ...drafts.map((d) => d.sheetVersion), ...pendingAll.map((e) => e.sheetVersion));
  const version = forVersion ?? (working > (current?.sheetVersion ?? 0) ? working : (current?.sheetVersion ?? 1));
  return {
    version,
    current,
    draft: drafts.find((d) => d.sheetVersion === version),
    pending: pendingAll.filter((e) => e.sheetVersion === version),
  };
}

/** Every sheet of the meeting (contest × box) with its state; no entry's figures. */
export async function listSheets(db: Db, input: { meetingId: string; reader: TallyActor }): Promise<{ sheets: SheetView[] }> {
  const ctx = await loadMeetingContext(db, input.meetingId);
  const boxes = await db.select({ name: ballotBoxes.name }).from(ballotBoxes).where(eq(ballotBoxes.meetingId, ctx.meeting.id)).orderBy(asc(ballotBoxes.createdAt));
  const sheets: SheetView[] = [];
  for (const c of await contestsOf(db, ctx)) {
    for (const box of boxes) {
      const f = await factsOf(db, c.contestId, box.name);
      const { state, needsChief } = stateOf(f);
      const block = input.reader.role === 'scrutineer' ? blockOf(f, state, input.reader.id!) : null;
      const mine = f.draft?.scrutineerId === input.reader.id ? 'draft' : f.pending.some((e) => e.enteredBy === input.reader.id) ? 'entered' : null;
      sheets.push({
        contestId: c.contestId,
        contest: c.contest,
        stage: c.stage,
        seats: c.seats,
        box: box.name,
        sheetVersion: f.version,
        state,
        stateZh: SHEET_STATE_ZH[state],
        entries: f.pending.length,
        needsChief,
        confirmedSheetId: f.current?.id ?? null,
        mine,
        blockedZh: input.reader.role === 'scrutineer' ? (block?.messageZh ?? null) : '只有本次会议的计票人可以录入',
        ...(input.reader.chief ? { entryIds: f.pending.map((e) => e.id) } : {}),
      });
    }
  }
  return { sheets };
}

/**
 * The blank paper sheets of a meeting (one per contest and box, or those asked for), their lines from `sheetFields`:
 * the view model of `src/pdf/papers/tally-sheet.ts`.
 */
export async function blankSheets(db: Db, input: { meetingId: string; contestId?: string | undefined; contest?: string | undefined; box?: string | undefined }) {
  const ctx = await loadMeetingContext(db, input.meetingId);
  const boxes = await db.select({ name: ballotBoxes.name }).from(ballotBoxes).where(eq(ballotBoxes.meetingId, ctx.meeting.id)).orderBy(asc(ballotBoxes.createdAt));
  const contests = (await contestsOf(db, ctx)).filter(
    (c) => (!input.contestId || c.contestId === input.contestId) && (!input.contest || (c.contest === input.contest && c.stage === 'main')),
  );
  const sheets = contests.flatMap((c) =>
    boxes
      .filter((b) => !input.box || b.name === input.box)
      .map((b) => ({ contest: c.contest, stage: c.stage, seats: c.seats, box: b.name, fields: sheetFields(c) })),
  );
  return { communityName: ctx.community.name, date: ctx.meeting.date, sheets };
}

// ------------------------------------------------------------------------------------------------ claim and draft

export interface DraftView {
  readonly id: string;
  readonly meetingId: string;
  readonly contestId: string;
  readonly contest: string;
  readonly stage: string;
  readonly box: string;
  readonly sheetVersion: number;
  readonly seats: number;
  /** In ballot order. */
  readonly candidates: Candidate[];
  /** The sheet's lines in the paper's order (`sheetFields`). */
  readonly fields: SheetField[];
  /** 1 for the first entry, 2 for the second. */
  readonly entryNumber: number;
  readonly figures: DraftFigures;
  /** Fields the chief cleared when sending the entry back: to be typed again from the paper. */
  readonly cleared: string[];
  readonly correctionOf: string | null;
  readonly reason: string | null;
  readonly state: SheetState;
  readonly stateZh: string;
}

async function draftView(tx: DbOrTx, draft: DraftRow, contest: ContestRow): Promise<DraftView> {
  const f = await factsOf(tx, contest.id, draft.box, draft.sheetVersion);
  const { state } = stateOf(f);
  return {
    id: draft.id,
    meetingId: draft.meetingId,
    contestId: contest.id,
    contest: contest.contest,
    stage: contest.stage,
    box: draft.box,
    sheetVersion: draft.sheetVersion,
    seats: contest.seats,
    candidates: contest.candidates as Candidate[],
    fields: sheetFields({ seats: contest.seats, candidates: contest.candidates as Candidate[] }),
    entryNumber: f.pending.length + 1,
    figures: draft.figures as DraftFigures,
    cleared: draft.cleared as string[],
    correctionOf: draft.correctionOf,
    reason: draft.reason,
    state,
    stateZh: SHEET_STATE_ZH[state],
  };
}

/**
 * Opens a sheet for typing and claims it: the reader's own draft is returned where it was left; another scrutineer's
 * claim, the reader's own first entry, a mismatch or a confirmed sheet refuse it (409, saying why). A correction of
 * a confirmed sheet names it and gives a reason.
 */
export async function claimSheet(
  db: Db,
  input: {
    actor: TallyActor;
    meetingId: string;
    contest: string;
    contestId?: string | undefined;
    box: string;
    correctionOf?: string | undefined;
    reason?: string | undefined;
    today: string;
  },
): Promise<DraftView> {
  return db.transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, input.meetingId);
    // The round's timeline bounds its own meetings; a later by-election or recall (AFT-BY-ELECTION) is counted when it is held.
    if (ctx.meeting.purpose === 'election') assertInPhase({ round: ctx.round, action: 'tally', on: input.today });
    assertQuorate(ctx);
    const contest = input.contestId
      ? await lockContest(tx, { meetingId: ctx.meeting.id, contestId: input.contestId })
      : await ensureMainContest(tx, ctx, input.contest, input.actor, input.today);
    await assertBox(tx, ctx.meeting.id, input.box);
    const version = input.correctionOf ? await sheetVersionFor(tx, contest, input) : undefined;
    const f = await factsOf(tx, contest.id, input.box, version);
    if (f.draft?.scrutineerId === input.actor.id) return draftView(tx, f.draft, contest);
    const block = blockOf(f, stateOf(f).state, input.actor.id!);
    if (block) throw block;
    const [draft] = await tx
      .insert(tallyDrafts)
      .values({
        meetingId: ctx.meeting.id,
        contestId: contest.id,
        box: input.box,
        sheetVersion: f.version,
        scrutineerId: input.actor.id!,
        figures: {},
        correctionOf: input.correctionOf ?? null,
        reason: input.reason ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!draft) throw sheetClaimed();
    await appendAudit(tx, {
      actor: input.actor,
      action: 'claim',
      entity: 'tally-draft',
      entityId: draft.id,
      after: { contestId: contest.id, contest: contest.contest, stage: contest.stage, box: input.box, sheetVersion: f.version },
    });
    return draftView(tx, draft, contest);
  });
}

/** The draft of this meeting, locked with its contest; only its own typist may touch it (the chief may delete it). */
async function loadDraft(tx: Tx, input: { meetingId: string; draftId: string; actor: TallyActor; chiefMay?: boolean }) {
  const [found] = await tx.select().from(tallyDrafts).where(and(eq(tallyDrafts.id, input.draftId), eq(tallyDrafts.meetingId, input.meetingId)));
  if (!found) throw errors.notFound('Tally draft', '计票录入草稿');
  const contest = await lockContest(tx, { meetingId: input.meetingId, contestId: found.contestId });
  const [draft] = await tx.select().from(tallyDrafts).where(eq(tallyDrafts.id, input.draftId));
  if (!draft) throw errors.notFound('Tally draft', '计票录入草稿');
  if (draft.scrutineerId !== input.actor.id && !(input.chiefMay && input.actor.chief)) throw sheetClaimed();
  return { draft, contest };
}

export async function getDraft(db: Db, input: { meetingId: string; draftId: string; actor: TallyActor }): Promise<DraftView> {
  return db.transaction(async (tx) => {
    const { draft, contest } = await loadDraft(tx, input);
    return draftView(tx, draft, contest);
  });
}

/** 暂停（保留录入）: keeps the figures typed so far on the server; the sheet stays claimed. */
export async function saveDraft(db: Db, input: { meetingId: string; draftId: string; actor: TallyActor; figures: DraftFigures }): Promise<DraftView> {
  return db.transaction(async (tx) => {
    const { draft, contest } = await loadDraft(tx, input);
    const [saved] = await tx
      .update(tallyDrafts)
      .set({ figures: input.figures, updatedAt: new Date() })
      .where(eq(tallyDrafts.id, draft.id))
      .returning();
    await appendAudit(tx, { actor: input.actor, action: 'save-draft', entity: 'tally-draft', entityId: draft.id, after: { figures: input.figures } });
    return draftView(tx, saved!, contest);
  });
}

/** Deletes what was typed and frees the sheet (its typist, or the chief scrutineer for a sheet left claimed). */
export async function deleteDraft(db: Db, input: { meetingId: string; draftId: string; actor: TallyActor }) {
  return db.transaction(async (tx) => {
    const { draft } = await loadDraft(tx, { ...input, chiefMay: true });
    await tx.delete(tallyDrafts).where(eq(tallyDrafts.id, draft.id));
    await appendAudit(tx, { actor: input.actor, action: 'delete-draft', entity: 'tally-draft', entityId: draft.id, before: { figures: draft.figures } });
    return { id: draft.id, deleted: true as const };
  });
}

/** The figures checked as they are typed: errors and warnings, each naming its fields. */
export async function validateDraft(db: Db, input: { meetingId: string; draftId: string; actor: TallyActor; figures: DraftFigures }) {
  return db.transaction(async (tx) => {
    const { draft, contest } = await loadDraft(tx, input);
    const ctx = await loadMeetingContext(tx, input.meetingId);
    return issuesOf(tx, { communityId: ctx.community.id, contest, box: draft.box, figures: input.figures });
  });
}

/**
 * Submits the draft as the typist's entry (`enterInTransaction`: CNT-ARITH, CNT-DOUBLE-ENTRY). A warning must have
 * been checked against the paper (`warningsChecked`); errors refuse the entry unless `finishWithErrors` (after
 * speaking to the chief), which keeps it for the chief. Answers the entry and the saved message.
 */
export async function submitDraft(
  db: Db,
  input: {
    meetingId: string;
    draftId: string;
    actor: TallyActor;
    figures: DraftFigures;
    warningsChecked?: boolean | undefined;
    finishWithErrors?: boolean | undefined;
    today: string;
  },
): Promise<TallyEntryView & { state: SheetState; stateZh: string; messageZh: string }> {
  return db.transaction(async (tx) => {
    const { draft, contest } = await loadDraft(tx, input);
    const ctx = await loadMeetingContext(tx, input.meetingId);
    const found = await issuesOf(tx, { communityId: ctx.community.id, contest, box: draft.box, figures: input.figures });
    if (found.warnings.length > 0 && !input.warningsChecked) {
      throw new AppError({
        status: 422,
        code: 'WARNINGS_NOT_CHECKED',
        rule: found.warnings[0]!.rule,
        message: 'Check the warnings against the paper tally sheet and tick the box',
        messageZh: '请将警告与纸质计票单核对，并勾选“已与纸质计票单核对”',
        details: { warnings: found.warnings },
      });
    }
    const entry = await enterInTransaction(tx, {
      actor: input.actor,
      meetingId: input.meetingId,
      contest: contest.contest,
      contestId: contest.id,
      box: draft.box,
      ...completeFigures(input.figures),
      correctionOf: draft.correctionOf ?? undefined,
      reason: draft.reason ?? undefined,
      finishWithErrors: input.finishWithErrors,
      today: input.today,
    });
    const { state } = stateOf(await factsOf(tx, contest.id, draft.box, draft.sheetVersion));
    return { ...entry, state, stateZh: SHEET_STATE_ZH[state], messageZh: '已保存，请将计票单交给总监票人' };
  });
}

// ------------------------------------------------------------------------------------------------ the chief's resolution

/** A field as the chief reads it: its label as on the paper. */
function labelOf(field: string, contest: { seats: number; candidates: readonly Candidate[] }): string {
  const line = sheetFields(contest).find((f) => f.field === field);
  if (line) return line.group === 'candidates' ? `${line.labelZh} 得票` : line.labelZh;
  return field.startsWith('votes.') ? `另选他人 ${field.slice(6)} 得票` : field;
}

const valueOf = (f: Figures, field: string): number | null =>
  field.startsWith('votes.') ? (f.votes[field.slice(6)] ?? null) : ((f as unknown as Record<string, number>)[field] ?? null);

/**
 * The chief scrutineer's view of a sheet waiting for them: the waiting entries (who typed them, their errors) and only
 * the fields that differ, first and second side by side; for a single entry finished with errors, the fields its
 * errors name.
 */
export async function sheetDifferences(db: Db, input: { meetingId: string; contestId: string; box: string }) {
  const [contest] = await db.select().from(meetingContests).where(and(eq(meetingContests.id, input.contestId), eq(meetingContests.meetingId, input.meetingId)));
  if (!contest) throw errors.notFound('Contest of this meeting', '本次会议的选举项目');
  const f = await factsOf(db, contest.id, input.box);
  const candidates = contest.candidates as Candidate[];
  const names = f.pending.length
    ? await db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, f.pending.map((e) => e.enteredBy)))
    : [];
  const [a, b] = f.pending;
  // Only the fields that differ; an entry finished with errors alone is read by its errors (with their equations).
  const fields = a && b ? compareFigures(a.box, figuresOfRow(a), figuresOfRow(b)).map((m) => m.field) : [];
  return {
    contestId: contest.id,
    contest: contest.contest,
    stage: contest.stage,
    box: input.box,
    sheetVersion: f.version,
    state: stateOf(f).state,
    entries: f.pending.map((e, i) => ({
      id: e.id,
      number: i + 1,
      enteredBy: names.find((n) => n.id === e.enteredBy)?.username ?? null,
      errors: (e.errors as { rule: string; messageZh: string }[] | null)?.map((x) => ({ rule: x.rule, messageZh: x.messageZh })) ?? [],
    })),
    fields: fields.map((field) => ({ field, labelZh: labelOf(field, { seats: contest.seats, candidates }), values: f.pending.map((e) => valueOf(figuresOfRow(e), field)) })),
  };
}

/**
 * The chief sends one waiting entry back to its own typist: the entry is set aside and its figures come back as the
 * typist's draft with only the fields that differ from the kept entry cleared (for an entry finished with errors,
 * the fields its errors name). Refused while the kept entry has errors.
 */
export async function sendBackEntry(db: Db, input: { actor: TallyActor; entryId: string; reason?: string | undefined }) {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(tallyEntries).where(eq(tallyEntries.id, input.entryId));
    if (!found) throw errors.notFound('Tally entry', '计票录入');
    const contest = await lockContest(tx, { meetingId: found.meetingId, contestId: found.contestId });
    const [entry] = await tx.select().from(tallyEntries).where(eq(tallyEntries.id, input.entryId));
    if (entry!.status !== 'pending') {
      throw tallyConflict('ENTRY_NOT_PENDING', `Only a waiting entry can be sent back; this one is ${entry!.status}`, '只能退回尚未确认的录入', { status: entry!.status });
    }
    const [kept] = await tx
      .select()
      .from(tallyEntries)
      .where(
        and(
          eq(tallyEntries.contestId, entry!.contestId),
          eq(tallyEntries.box, entry!.box),
          eq(tallyEntries.sheetVersion, entry!.sheetVersion),
          eq(tallyEntries.status, 'pending'),
          ne(tallyEntries.id, entry!.id),
        ),
      );
    if (kept?.errors) {
      throw new AppError({
        status: 422,
        code: 'KEPT_ENTRY_HAS_ERRORS',
        rule: 'CNT-ARITH',
        message: 'The entry kept has errors; discard it instead of sending the other back',
        messageZh: '保留的录入带有错误，不能退回另一份录入；请先处理带错误的录入',
      });
    }
    const mine = figuresOfRow(entry!);
    const cleared = kept ? compareFigures(entry!.box, mine, figuresOfRow(kept)).map((m) => m.field) : [];
    const candidates = contest.candidates as Candidate[];
    const votes: Record<string, number | null> = {};
    const writeIns: { name: string; votes: number | null }[] = [];
    for (const c of candidates) votes[c.id] = cleared.includes(`votes.${c.id}`) ? null : (mine.votes[c.id] ?? 0);
    for (const [k, n] of Object.entries(mine.votes)) if (!candidates.some((c) => c.id === k)) writeIns.push({ name: k, votes: cleared.includes(`votes.${k}`) ? null : n });
    const keep = (field: 'issued' | 'returned' | 'invalid' | 'overvoted' | 'valid') => (cleared.includes(field) ? null : mine[field]);
    const figures: DraftFigures = {
      issued: keep('issued'),
      returned: keep('returned'),
      valid: keep('valid'),
      invalid: keep('invalid'),
      overvoted: keep('overvoted'),
      votes,
      writeIns,
    };
    const reason = input.reason?.trim() || '总监票人退回更正';
    await tx.update(tallyEntries).set({ status: 'discarded', reason: `退回：${reason}` }).where(eq(tallyEntries.id, entry!.id));
    const [draft] = await tx
      .insert(tallyDrafts)
      .values({
        meetingId: entry!.meetingId,
        contestId: entry!.contestId,
        box: entry!.box,
        sheetVersion: entry!.sheetVersion,
        scrutineerId: entry!.enteredBy,
        figures,
        cleared,
        reason: entry!.reason,
      })
      .onConflictDoNothing()
      .returning();
    if (!draft) throw sheetClaimed();
    await appendAudit(tx, {
      actor: input.actor,
      action: 'send-back',
      entity: 'tally-entry',
      entityId: entry!.id,
      before: { status: 'pending' },
      after: { status: 'discarded', reason, draftId: draft.id, cleared, keptEntryId: kept?.id ?? null },
    });
    return { id: entry!.id, status: 'discarded' as const, draftId: draft.id, cleared };
  });
}
