/**
 * The official candidate list (正式候选人名单) per contest: competitive (CAN-SURPLUS), published at least 5 days
 * before election day (CAN-LIST-NOTICE), in ballot order by surname strokes (CAN-ORDER). A changed list is a new
 * version, published again, and its 5 days start over.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { candidateLists, nominations } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import { statusOf } from '../domain/checks.js';
import { issueNotice, orderedStepDates } from './notices.js';
import { backfillFromPreliminary, checkCandidateListNotice, checkSurplus, latestListPublication, minCandidates, type SurplusFacts } from '../domain/candidates.js';
import { RULE_ENTRIES } from '../domain/rules/index.js';
import type { ListNoticeFacts } from '../domain/rules/candidates.js';
import type { DeputyRole } from '../domain/committee.js';
import { orderCandidates } from '../domain/ordering.js';
import { checkJointReview } from '../domain/vetting.js';
import { vettedCandidates } from './vetting.js';
import type { Profile } from '../domain/profile.js';
import { electionDayOf, loadCommunity, RC_CONTESTS, seatsOf, type CommunityRow, type Contest } from './election-context.js';
import { assertInPhase, assertNoHard, combine, enforce, judge, resultOfOutcomes, type JustificationInput, type RoundRow } from './rules.js';
import { assertNotFiled, electionOfContest } from './freeze.js';

export interface ListedCandidate {
  /** The nomination id: the candidate's id on ballots and tally sheets. */
  readonly id: string;
  readonly voterId: string;
  readonly name: string;
  readonly order: number;
}

export interface CandidateListView {
  readonly id: string;
  readonly contest: string;
  readonly version: number;
  readonly publishedOn: string;
  readonly noticeNo: number;
  readonly ballot: 'secret' | 'show-of-hands';
  readonly seats: number;
  readonly candidates: ListedCandidate[];
}

type ListRow = typeof candidateLists.$inferSelect;

function listView(row: ListRow, seats: number): CandidateListView {
  const stored = row.candidates as { nominationId: string; voterId: string; name: string; order: number }[];
  return {
    id: row.id,
    contest: row.contest,
    version: row.version,
    publishedOn: row.publishedOn,
    noticeNo: row.noticeNo,
    ballot: row.ballot,
    seats,
    candidates: stored.map((c) => ({ id: c.nominationId, voterId: c.voterId, name: c.name, order: c.order })),
  };
}

/** Numbers the community's notices in order (第1号, 第2号 …, CNT-ANNOUNCE). */

const CONTEST_ZH: Record<string, string> = {
  director: '居民委员会主任',
  deputy: '居民委员会副主任',
  member: '居民委员会委员',
  committee: '居民委员会成员',
  party: '党组织委员会委员',
};

/** Writes a new current version of the list; the caller has checked it. */
async function writeList(
  tx: Tx,
  input: {
    actor: Actor;
    community: CommunityRow;
    contest: string;
    publishedOn: string;
    ballot: 'secret' | 'show-of-hands';
    people: readonly { nominationId: string; voterId: string; name: string }[];
    profile: Profile;
    action: string;
  },
): Promise<CandidateListView> {
  const ordered = orderCandidates(
    input.people.map((p) => ({ id: p.nominationId, name: p.name })),
    input.profile,
  );
  const byId = new Map(input.people.map((p) => [p.nominationId, p]));
  const candidates = ordered.map((c, i) => ({ nominationId: c.id, voterId: byId.get(c.id)!.voterId, name: c.name, order: i + 1 }));
  const [previous] = await tx
    .select()
    .from(candidateLists)
    .where(and(eq(candidateLists.communityId, input.community.id), eq(candidateLists.contest, input.contest)))
    .orderBy(desc(candidateLists.version))
    .limit(1);
  if (previous?.current) await tx.update(candidateLists).set({ current: false }).where(eq(candidateLists.id, previous.id));
  const noticeNo = await issueNotice(tx, {
    communityId: input.community.id,
    kind: 'candidate-list',
    title: `${CONTEST_ZH[input.contest] ?? input.contest}正式候选人名单`,
    issuedOn: input.publishedOn,
  });
  const [row] = await tx
    .insert(candidateLists)
    .values({
      communityId: input.community.id,
      contest: input.contest,
      version: (previous?.version ?? 0) + 1,
      publishedOn: input.publishedOn,
      candidates,
      noticeNo,
      ballot: input.ballot,
    })
    .returning();
  const ids = candidates.map((c) => c.nominationId);
  await tx
    .update(nominations)
    .set({ status: sql`case when ${inArray(nominations.id, ids)} then 'candidate' else 'preliminary' end` })
    .where(
      and(eq(nominations.communityId, input.community.id), eq(nominations.contest, input.contest as Contest), sql`${nominations.status} <> 'withdrawn'`),
    );
  const view = listView(row!, seatsOf(input.community, input.contest));
  await appendAudit(tx, {
    actor: input.actor,
    action: input.action,
    entity: 'candidate-list',
    entityId: row!.id,
    before: previous ? { version: previous.version, candidates: previous.candidates } : null,
    after: view,
  });
  return view;
}

export interface PublishInput {
  readonly actor: Actor;
  readonly communityId: string;
  readonly contest: Contest;
  readonly publishedOn?: string | undefined;
  readonly ballot?: 'secret' | 'show-of-hands' | undefined;
  /** Which preliminary nominees stand; every nominee of the contest when omitted. */
  readonly nominationIds?: readonly string[] | undefined;
  readonly today: string;
  readonly justifications?: readonly JustificationInput[] | undefined;
}

/**
 * What publishing a contest's list today would meet, before the click: the seats, the nominees standing, how many
 * candidates the profile's surplus asks (CAN-SURPLUS), the latest publication day (CAN-LIST-NOTICE), and each rule's
 * verdict in Chinese. The same domain decisions as the publication itself; the screen shows them, it decides nothing.
 */
export async function publicationPreview(db: DbOrTx, input: { communityId: string; contest: Contest; today: string }) {
  const { community, profile } = await loadCommunity(db, input.communityId);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(nominations)
    .where(and(eq(nominations.communityId, community.id), eq(nominations.contest, input.contest), sql`${nominations.status} <> 'withdrawn'`));
  const nominees = row?.n ?? 0;
  const seats = seatsOf(community, input.contest);
  const electionDay = electionDayOf(community, input.contest);
  // Asked of the registry, as every other check page asks it; the status as the checks page shows it.
  const verdict = (rule: 'CAN-SURPLUS' | 'CAN-LIST-NOTICE', facts: unknown) => {
    const outcome = judge(rule, facts, profile);
    return { rule, status: statusOf(outcome), messageZh: outcome.status === 'breach' ? outcome.messageZh : null };
  };
  return {
    contest: input.contest,
    seats,
    nominees,
    required: minCandidates(seats, profile),
    electionDay,
    latest: latestListPublication(electionDay, profile),
    checks: [
      verdict('CAN-SURPLUS', { seats, candidates: nominees, ballot: 'secret' }),
      verdict('CAN-LIST-NOTICE', { publishedOn: input.today, electionDay }),
    ],
  };
}

export async function publishCandidateList(db: Db, input: PublishInput): Promise<CandidateListView> {
  return db.transaction(async (tx) => {
    const { community, round, profile } = await loadCommunity(tx, input.communityId);
    await assertNotFiled(tx, { communityId: community.id, kind: electionOfContest(input.contest), area: 'candidates' });
    await tx.execute(sql`select id from communities where id = ${community.id} for update`);
    const publishedOn = input.publishedOn ?? input.today;
    if (publishedOn > input.today) {
      throw errors.badRequest('publishedOn cannot be in the future', '公布日期不能晚于今天');
    }
    // TML-ORDER: the residents' committee's official candidate list not before the voter list.
    if ((RC_CONTESTS as readonly string[]).includes(input.contest)) {
      const done = await orderedStepDates(tx, community.id);
      assertNoHard(resultOfOutcomes([judge('TML-ORDER', { step: 'candidate-list', on: publishedOn, done }, profile)]));
    }
    assertInPhase({ round, action: 'publish-candidates', on: publishedOn });
    const nominees = await tx
      .select()
      .from(nominations)
      .where(and(eq(nominations.communityId, community.id), eq(nominations.contest, input.contest), sql`${nominations.status} <> 'withdrawn'`))
      .orderBy(asc(nominations.seq));
    const chosen = input.nominationIds ? nominees.filter((n) => input.nominationIds!.includes(n.id)) : nominees;
    if (input.nominationIds && chosen.length !== new Set(input.nominationIds).size) {
      throw errors.notFound('Nomination of this contest', '该职位的提名');
    }
    const ballot = input.ballot ?? 'secret';
    const seats = seatsOf(community, input.contest);
    const surplus = checkSurplus({ seats, candidates: chosen.length, ballot }, profile);
    const notice = checkCandidateListNotice({ publishedOn, electionDay: electionDayOf(community, input.contest) }, profile);
    // ORG-RC-DEPUTY-ROLES: the deputy directors come from this list, so it must hold the required roles (lanzhou:
    // a community police officer and a college graduate).
    const roles =
      input.contest === 'deputy'
        ? resultOfOutcomes([judge('ORG-RC-DEPUTY-ROLES', { deputies: chosen.map((n) => ({ roles: n.roles as DeputyRole[] })) }, profile)])
        : null;
    // CAN-VETTING: with the joint review on, no name refused (or, under review-2021, still pending) goes on the list.
    const vetting = profile.jointReview
      ? checkJointReview({ candidates: await vettedCandidates(tx, { roundId: round.id, nominationIds: chosen.map((n) => n.id) }) }, profile)
      : null;
    await enforce(tx, {
      result: combine([surplus, notice, ...(roles ? [roles] : []), ...(vetting ? [vetting] : [])]),
      justifications: input.justifications,
      actor: input.actor,
      roundId: round.id,
      communityId: community.id,
      action: 'publish-candidates',
    });
    return writeList(tx, {
      actor: input.actor,
      community,
      contest: input.contest,
      publishedOn,
      ballot,
      people: chosen.map((n) => ({ nominationId: n.id, voterId: n.voterId, name: n.name })),
      profile,
      action: 'publish',
    });
  });
}

/**
 * The facts of CAN-SURPLUS for a published list. A list of a contest someone withdrew from is judged as one left
 * short by the withdrawal (on `today`), so a breach names the lawful path that remains before anyone votes.
 */
export async function surplusFacts(
  db: DbOrTx,
  input: { community: CommunityRow; list: Pick<typeof candidateLists.$inferSelect, 'contest' | 'candidates' | 'ballot'>; today: string },
): Promise<SurplusFacts> {
  const { community, list } = input;
  const facts = { seats: seatsOf(community, list.contest), candidates: (list.candidates as unknown[]).length, ballot: list.ballot };
  const [withdrawal] = await db
    .select({ id: nominations.id })
    .from(nominations)
    .where(and(eq(nominations.communityId, community.id), eq(nominations.contest, list.contest as Contest), eq(nominations.status, 'withdrawn')))
    .limit(1);
  return withdrawal ? { ...facts, afterWithdrawal: { today: input.today, electionDay: electionDayOf(community, list.contest) } } : facts;
}

/**
 * The facts of CAN-LIST-NOTICE for a published list, for the registry: a list republished because a candidate
 * withdrew (a withdrawal on its date) is judged as a backfill, and its first publication keeps its own notice.
 * The checks page, the printed list and the filing read this one gathering.
 */
export async function listNoticeFacts(
  db: DbOrTx,
  input: { community: CommunityRow; list: Pick<typeof candidateLists.$inferSelect, 'contest' | 'version' | 'publishedOn'> },
): Promise<{ first: ListNoticeFacts | null; current: ListNoticeFacts }> {
  const { community, list } = input;
  const electionDay = electionDayOf(community, list.contest);
  if (list.version > 1) {
    const [withdrawal] = await db
      .select({ id: nominations.id })
      .from(nominations)
      .where(
        and(
          eq(nominations.communityId, community.id),
          eq(nominations.contest, list.contest as Contest),
          eq(nominations.status, 'withdrawn'),
          eq(nominations.withdrawnOn, list.publishedOn),
        ),
      )
      .limit(1);
    if (withdrawal) {
      const [first] = await db
        .select({ publishedOn: candidateLists.publishedOn })
        .from(candidateLists)
        .where(and(eq(candidateLists.communityId, community.id), eq(candidateLists.contest, list.contest)))
        .orderBy(asc(candidateLists.version))
        .limit(1);
      return {
        first: { publishedOn: first?.publishedOn ?? list.publishedOn, electionDay },
        current: { publishedOn: list.publishedOn, electionDay, cause: 'backfill' },
      };
    }
  }
  return { first: null, current: { publishedOn: list.publishedOn, electionDay } };
}

/**
 * After a withdrawal from the official list: the next preliminary nominee in nomination order who is not on the
 * list fills the place (CAN-WITHDRAW) and the list is published again on the day of the withdrawal (TML-PHASE).
 * Whether the 5-day notice (CAN-LIST-NOTICE) starts over for the new name is the profile's
 * `backfillRestartsNotice`. When it does and the new name can no longer be published in time, the withdrawal still
 * stands (it may not be refused for that) but nobody is backfilled: the place stays empty, and the audit log says
 * why. With no one to backfill, the list only loses the name that withdrew.
 */
export async function republishAfterWithdrawal(
  tx: Tx,
  input: { actor: Actor; community: CommunityRow; round: RoundRow; profile: Profile; contest: string; on: string; withdrawnId: string },
): Promise<CandidateListView | null> {
  const [current] = await tx
    .select()
    .from(candidateLists)
    .where(and(eq(candidateLists.communityId, input.community.id), eq(candidateLists.contest, input.contest), eq(candidateLists.current, true)));
  if (!current) return null;
  assertInPhase({ round: input.round, action: 'publish-candidates', on: input.on });
  const stored = current.candidates as { nominationId: string; voterId: string; name: string }[];
  const remaining = stored.filter((c) => c.nominationId !== input.withdrawnId);
  const pool = await tx
    .select({ id: nominations.id, seq: nominations.seq, voterId: nominations.voterId, name: nominations.name, status: nominations.status })
    .from(nominations)
    .where(and(eq(nominations.communityId, input.community.id), eq(nominations.contest, input.contest as Contest)))
    .orderBy(asc(nominations.seq));
  // CAN-VETTING: a preliminary nominee the joint review keeps off the list is not backfilled either.
  let preliminary = pool.filter((n) => n.status === 'preliminary');
  if (input.profile.jointReview && preliminary.length > 0) {
    const vetted = await vettedCandidates(tx, { roundId: input.round.id, nominationIds: preliminary.map((n) => n.id) });
    const admissible = new Set(vetted.filter((c) => checkJointReview({ candidates: [c] }, input.profile).ok).map((c) => c.id));
    preliminary = preliminary.filter((n) => admissible.has(n.id));
  }
  const { candidate: found } = backfillFromPreliminary(
    {
      preliminary: preliminary.map((n) => ({ ...n, nominationSeq: n.seq })),
      onList: remaining.map((c) => c.nominationId),
    },
    input.profile,
  );
  let next = found;
  if (found) {
    const notice = RULE_ENTRIES.CAN_LIST_NOTICE.evaluate({ publishedOn: input.on, electionDay: electionDayOf(input.community, input.contest), cause: 'backfill' }, input.profile);
    if (notice.status === 'breach') {
      next = null;
      await appendAudit(tx, {
        actor: input.actor,
        action: 'no-backfill',
        entity: 'nomination',
        entityId: found.id,
        after: { contest: input.contest, on: input.on, violations: notice.violations },
      });
    }
  }
  const people = [...remaining, ...(next ? [{ nominationId: next.id, voterId: next.voterId, name: next.name }] : [])];
  return writeList(tx, {
    actor: input.actor,
    community: input.community,
    contest: input.contest,
    publishedOn: input.on,
    ballot: current.ballot,
    people,
    profile: input.profile,
    action: 'republish',
  });
}

export async function getCandidateList(db: DbOrTx, input: { communityId: string; contest: Contest }): Promise<CandidateListView> {
  const { community } = await loadCommunity(db, input.communityId);
  const [row] = await db
    .select()
    .from(candidateLists)
    .where(and(eq(candidateLists.communityId, community.id), eq(candidateLists.contest, input.contest), eq(candidateLists.current, true)));
  if (!row) throw errors.notFound('Published candidate list', '已公布的正式候选人名单');
  return listView(row, seatsOf(community, input.contest));
}
