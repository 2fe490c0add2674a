/**
 * After the round: a recall (罢免: the petition AFT-RECALL, the vote and its result) and a vacancy (resignation, death,
 * recall) filled by a by-election (补选, AFT-BY-ELECTION). A by-election is a meeting of its own (`purpose:
 * 'by-election'`) with one contest for the vacant seat, so attendance and check-in, the quorum (MTG-QUORUM-RC), double
 * entry (CNT-DOUBLE-ENTRY), the majority (CNT-MAJORITY-RC), re-votes and run-offs, the result and the certificate all
 * go through the round's own machinery; candidates are nominated for it and their number follows CAN-SURPLUS.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { ballotBoxes, certificates, meetingContests, meetings, recalls, representatives, vacancies, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { RULE_ENTRIES } from '../domain/rules/index.js';
import type { Outcome } from '../domain/rules/index.js';
import { loadCommunity, type CommunityRow } from './election-context.js';
import { loadElected, POST_ZH } from './elected.js';
import { baseOf } from './meetings.js';
import { electedOf, getMeetingResult } from './results.js';
import { throwViolations } from './rules.js';

type Post = 'director' | 'deputy' | 'member';

function refuse(outcome: Outcome): void {
  if (outcome.status === 'breach' && outcome.severity === 'hard') {
    throwViolations(outcome.violations.filter((v) => v.severity === 'hard').map((v) => ({ rule: v.rule, severity: v.severity, params: v.details })));
  }
}

async function baseCountOf(db: DbOrTx, community: CommunityRow, base: 'voters' | 'representatives'): Promise<number> {
  const table = base === 'voters' ? voters : representatives;
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.communityId, community.id))) as [{ n: number }];
  return Number(n);
}

/** The elected residents' committee member holding `nominationId` in the community's round, or a 422 AFT-BY-ELECTION. */
async function electedMember(db: DbOrTx, communityId: string, nominationId: string, contest: Post, profile: Parameters<typeof RULE_ENTRIES.AFT_BY_ELECTION.evaluate>[1]) {
  const elected = await loadElected(db, communityId);
  const person = elected.rc.find((p) => p.nominationId === nominationId && p.post === contest);
  refuse(RULE_ENTRIES.AFT_BY_ELECTION.evaluate({ name: person?.name ?? nominationId, contest: POST_ZH[contest] ?? contest, elected: person !== undefined }, profile));
  return person!;
}

async function createMeetingRow(tx: Tx, input: { community: CommunityRow; purpose: 'by-election' | 'recall'; date: string; expected: number }) {
  const [meeting] = await tx
    .insert(meetings)
    .values({
      communityId: input.community.id,
      roundId: input.community.roundId,
      kind: 'rc',
      date: input.date,
      base: baseOf('rc', input.community.method),
      expected: input.expected,
      purpose: input.purpose,
    })
    .returning();
  await tx.insert(ballotBoxes).values({ meetingId: meeting!.id, name: 'main', kind: 'main', monitors: [] });
  return meeting!;
}

// ------------------------------------------------------------------------------------------------ recall

export interface RecallInput {
  readonly actor: Actor;
  readonly communityId: string;
  readonly nominationId: string;
  readonly contest: Post;
  readonly base: 'voters' | 'representatives';
  readonly petitioners: number;
  readonly reason: string;
  readonly filedOn: string;
}

/** Records a recall petition (罢免联名); fewer signatures than the profile's share are refused (422, AFT-RECALL). */
export async function petitionRecall(db: Db, input: RecallInput) {
  return db.transaction(async (tx) => {
    const { community, profile } = await loadCommunity(tx, input.communityId);
    const person = await electedMember(tx, community.id, input.nominationId, input.contest, profile);
    const baseCount = await baseCountOf(tx, community, input.base);
    refuse(RULE_ENTRIES.AFT_RECALL.evaluate({ stage: 'petition', base: input.base, baseCount, petitioners: input.petitioners }, profile));
    const [row] = await tx
      .insert(recalls)
      .values({
        communityId: community.id,
        roundId: community.roundId,
        nominationId: input.nominationId,
        contest: input.contest,
        name: person.name,
        base: input.base,
        baseCount,
        petitioners: input.petitioners,
        reason: input.reason,
        filedOn: input.filedOn,
      })
      .returning();
    const view = recallView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'petition', entity: 'recall', entityId: row!.id, after: view });
    return view;
  });
}

function recallView(r: typeof recalls.$inferSelect) {
  return {
    id: r.id,
    communityId: r.communityId,
    nominationId: r.nominationId,
    contest: r.contest,
    name: r.name,
    base: r.base,
    baseCount: r.baseCount,
    petitioners: r.petitioners,
    reason: r.reason,
    filedOn: r.filedOn,
    status: r.status,
    meetingId: r.meetingId,
    returned: r.returned,
    votesFor: r.votesFor,
    votesAgainst: r.votesAgainst,
    decidedOn: r.decidedOn,
  };
}

/**
 * Records the recall vote (at a recall meeting of its own) and its result (AFT-RECALL: more than half of the base voted,
 * more than half of them for it). A recall that passes opens the vacancy of the seat.
 */
export async function recordRecallVote(
  db: Db,
  input: { actor: Actor; recallId: string; date: string; returned: number; votesFor: number; votesAgainst: number },
) {
  return db.transaction(async (tx) => {
    const [recall] = await tx.select().from(recalls).where(eq(recalls.id, input.recallId)).for('update');
    if (!recall) throw errors.notFound('Recall', '罢免案');
    if (recall.status !== 'petitioned') throw errors.conflict('RECALL_DECIDED', 'This recall has been voted on', '该罢免案已经表决');
    if (input.votesFor + input.votesAgainst > input.returned) {
      throw errors.badRequest('votes for and against exceed the ballots returned', '赞成票与反对票之和不能超过收回票数');
    }
    const { community, profile } = await loadCommunity(tx, recall.communityId);
    const outcome = RULE_ENTRIES.AFT_RECALL.evaluate(
      { stage: 'vote', base: recall.base, baseCount: recall.baseCount, returned: input.returned, votesFor: input.votesFor },
      profile,
    );
    const recalled = outcome.status === 'pass';
    const meeting = await createMeetingRow(tx, { community, purpose: 'recall', date: input.date, expected: recall.baseCount });
    await tx.update(meetings).set({ present: Math.min(input.returned, recall.baseCount) }).where(eq(meetings.id, meeting.id));
    const [row] = await tx
      .update(recalls)
      .set({
        status: recalled ? 'recalled' : 'kept',
        meetingId: meeting.id,
        returned: input.returned,
        votesFor: input.votesFor,
        votesAgainst: input.votesAgainst,
        decidedOn: input.date,
      })
      .where(eq(recalls.id, recall.id))
      .returning();
    let vacancyId: string | null = null;
    if (recalled) {
      const [vacancy] = await tx
        .insert(vacancies)
        .values({
          communityId: community.id,
          roundId: community.roundId,
          contest: recall.contest as Post,
          nominationId: recall.nominationId,
          name: recall.name,
          reason: 'recall',
          occurredOn: input.date,
          recallId: recall.id,
        })
        .returning();
      vacancyId = vacancy!.id;
      await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'vacancy', entityId: vacancyId, after: { recallId: recall.id, name: recall.name, contest: recall.contest } });
    }
    const view = {
      ...recallView(row!),
      vacancyId,
      messageZh: outcome.status === 'breach' ? outcome.messageZh : `罢免${recall.name}的${POST_ZH[recall.contest] ?? recall.contest}职务获得通过`,
    };
    await appendAudit(tx, { actor: input.actor, action: 'vote', entity: 'recall', entityId: recall.id, before: recallView(recall), after: view });
    return view;
  });
}

// ------------------------------------------------------------------------------------------------ vacancy and by-election

/** A seat fallen vacant by resignation or death (a recall's vacancy is opened by its vote). */
export async function recordVacancy(
  db: Db,
  input: { actor: Actor; communityId: string; nominationId: string; contest: Post; reason: 'resignation' | 'death'; occurredOn: string },
) {
  return db.transaction(async (tx) => {
    const { community, profile } = await loadCommunity(tx, input.communityId);
    const person = await electedMember(tx, community.id, input.nominationId, input.contest, profile);
    const [open] = await tx.select({ id: vacancies.id }).from(vacancies).where(and(eq(vacancies.communityId, community.id), eq(vacancies.nominationId, input.nominationId)));
    if (open) throw errors.conflict('VACANCY_EXISTS', 'This seat is already recorded as vacant', `${person.name}的职务已登记出缺`);
    const [row] = await tx
      .insert(vacancies)
      .values({ communityId: community.id, roundId: community.roundId, contest: input.contest, nominationId: input.nominationId, name: person.name, reason: input.reason, occurredOn: input.occurredOn })
      .returning();
    const view = vacancyView(row!);
    await appendAudit(tx, { actor: input.actor, action: 'create', entity: 'vacancy', entityId: row!.id, after: view });
    return view;
  });
}

function vacancyView(v: typeof vacancies.$inferSelect) {
  return {
    id: v.id,
    communityId: v.communityId,
    nominationId: v.nominationId,
    contest: v.contest,
    postZh: POST_ZH[v.contest] ?? v.contest,
    name: v.name,
    reason: v.reason,
    occurredOn: v.occurredOn,
    recallId: v.recallId,
    meetingId: v.meetingId,
    contestId: v.contestId,
    status: v.status,
    filledBy: v.filledBy,
    certificateNumber: v.certificateNumber,
  };
}

/**
 * Opens the by-election of a vacancy: a meeting of its own and one contest of one seat among the nominated voters,
 * as many as CAN-SURPLUS asks (差额). The tally then goes through `POST /meetings/:id/tally-sheets` with its contestId.
 */
export async function openByElection(
  db: Db,
  input: { actor: Actor; vacancyId: string; date: string; expected?: number | undefined; candidateVoterIds: readonly string[] },
) {
  return db.transaction(async (tx) => {
    const [vacancy] = await tx.select().from(vacancies).where(eq(vacancies.id, input.vacancyId)).for('update');
    if (!vacancy) throw errors.notFound('Vacancy', '出缺职务');
    if (vacancy.status !== 'open') throw errors.conflict('BY_ELECTION_OPEN', 'The by-election of this vacancy is already open', '该出缺职务的补选已经开始');
    const { community, profile } = await loadCommunity(tx, vacancy.communityId);
    const ids = [...new Set(input.candidateVoterIds)];
    const people = ids.length
      ? await tx.select({ id: voters.id, name: voters.name }).from(voters).where(and(eq(voters.communityId, community.id), inArray(voters.id, ids)))
      : [];
    if (people.length !== ids.length) throw errors.notFound('Voter of this community', '本社区选民');
    refuse(RULE_ENTRIES.CAN_SURPLUS.evaluate({ seats: 1, candidates: people.length, ballot: 'secret' }, profile));
    const base = baseOf('rc', community.method);
    const expected = input.expected ?? (base === 'households' ? community.households : await baseCountOf(tx, community, base === 'representatives' ? 'representatives' : 'voters'));
    const meeting = await createMeetingRow(tx, { community, purpose: 'by-election', date: input.date, expected });
    const candidates = people
      .slice()
      .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
      .map((p, i) => ({ id: p.id, name: p.name, order: i + 1 }));
    const [contest] = await tx
      .insert(meetingContests)
      .values({ meetingId: meeting.id, contest: vacancy.contest, stage: 'main', seats: 1, candidates })
      .returning();
    const [row] = await tx
      .update(vacancies)
      .set({ status: 'by-election', meetingId: meeting.id, contestId: contest!.id })
      .where(eq(vacancies.id, vacancy.id))
      .returning();
    const view = { ...vacancyView(row!), candidates };
    await appendAudit(tx, { actor: input.actor, action: 'open-by-election', entity: 'vacancy', entityId: vacancy.id, before: vacancyView(vacancy), after: view });
    return view;
  });
}

/**
 * Closes a by-election from its confirmed result: the person elected (majority, re-vote or run-off as in the round)
 * fills the seat and receives the next certificate number of the round (AFT-CERT); nobody elected leaves it unfilled.
 */
export async function closeByElection(db: Db, input: { actor: Actor; vacancyId: string; issuedOn: string }) {
  return db.transaction(async (tx) => {
    const [vacancy] = await tx.select().from(vacancies).where(eq(vacancies.id, input.vacancyId)).for('update');
    if (!vacancy) throw errors.notFound('Vacancy', '出缺职务');
    if (vacancy.status !== 'by-election' || !vacancy.meetingId) {
      throw errors.conflict('BY_ELECTION_NOT_OPEN', 'The by-election is not open', vacancy.status === 'open' ? '尚未召开补选会议' : '该补选已经结束');
    }
    const result = await getMeetingResult(tx, vacancy.meetingId);
    const final = electedOf(result, vacancy.contest);
    if (!final.complete) throw errors.conflict('RESULT_INCOMPLETE', 'The by-election result is not complete', '补选计票尚未完成（或需重新投票、另行选举）');
    const winner = final.elected[0];
    let number: number | null = null;
    if (winner) {
      await tx.execute(sql`select id from rounds where id = ${vacancy.roundId} for update`);
      const [{ last }] = (await tx
        .select({ last: sql<number>`coalesce(max(${certificates.number}), 0)::int` })
        .from(certificates)
        .where(eq(certificates.roundId, vacancy.roundId))) as [{ last: number }];
      number = Number(last) + 1;
      await tx.insert(certificates).values({ roundId: vacancy.roundId, communityId: vacancy.communityId, number, name: winner.name, post: vacancy.contest, issuedOn: input.issuedOn });
    }
    const [row] = await tx
      .update(vacancies)
      .set({ status: winner ? 'filled' : 'unfilled', filledBy: winner?.name ?? null, certificateNumber: number })
      .where(eq(vacancies.id, vacancy.id))
      .returning();
    const view = { ...vacancyView(row!), votes: final.elected.map((e) => ({ name: e.name, votes: e.votes })) };
    await appendAudit(tx, { actor: input.actor, action: 'close-by-election', entity: 'vacancy', entityId: vacancy.id, before: vacancyView(vacancy), after: view });
    return view;
  });
}

/** The community's recalls and vacancies (with their by-elections), for the screens and the filing. */
export async function afterRound(db: DbOrTx, communityId: string) {
  await loadCommunity(db, communityId);
  const r = await db.select().from(recalls).where(eq(recalls.communityId, communityId)).orderBy(asc(recalls.createdAt));
  const v = await db.select().from(vacancies).where(eq(vacancies.communityId, communityId)).orderBy(asc(vacancies.createdAt));
  return { recalls: r.map(recallView), vacancies: v.map(vacancyView) };
}

const POSTS: readonly string[] = ['director', 'deputy', 'member'];

/**
 * What the committee's screen starts from: the recalls and vacancies, and the residents' committee members elected at
 * the round by post (the seats that can fall vacant or be recalled; a member of a `committee` contest has no post).
 */
export async function communityAfterRound(db: DbOrTx, communityId: string) {
  const after = await afterRound(db, communityId);
  const elected = await loadElected(db, communityId);
  const members = elected.rc.flatMap((p) =>
    p.nominationId !== null && POSTS.includes(p.post) ? [{ nominationId: p.nominationId, name: p.name, contest: p.post as Post, postZh: p.postZh, votes: p.votes }] : [],
  );
  return { ...after, members };
}
