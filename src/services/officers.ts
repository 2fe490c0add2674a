/**
 * Party officers (PTY-OFFICERS): after the party committee is elected, its members elect the secretary and the
 * deputy secretaries from among themselves, with as many candidates as posts (等额). Each post is a contest of the
 * meeting (stage `officers`) counted through the same tally path, its voters being the members of the committee.
 */
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import { meetingContests, nominations, partyMembers, voters } from '../db/schema.js';
import { appendAudit, type Actor } from '../db/audit.js';
import { errors } from '../domain/errors.js';
import type { CandidateFacts } from '../domain/candidates.js';
import { loadMeetingContext } from './meetings.js';
import { getMeetingResult, electedOf } from './results.js';
import { educationOf } from './nominations.js';
import { enforce, judge, resultOfOutcomes, type JustificationInput } from './rules.js';

export async function openOfficerElection(
  db: Db,
  input: {
    actor: Actor;
    meetingId: string;
    secretary: readonly string[];
    deputySecretaries: readonly string[];
    /** The day the street party working committee (街道党工委) reviewed and agreed to the proposed officers. */
    reviewedOn?: string | undefined;
    today: string;
    justifications?: readonly JustificationInput[] | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const ctx = await loadMeetingContext(tx, input.meetingId);
    if (ctx.meeting.kind !== 'party') {
      throw errors.badRequest('Officers are elected at a party meeting', '书记、副书记在党员大会选举产生的委员会中选举');
    }
    const result = await getMeetingResult(tx, input.meetingId);
    const committee = electedOf(result, 'party');
    if (!committee.complete) {
      throw errors.conflict(
        'PARTY_COMMITTEE_NOT_ELECTED',
        'The party committee is not fully elected yet (every vote, re-vote and run-off counted): its members elect the officers afterwards',
        '党组织委员会尚未选举产生（含重新投票、另行选举），书记、副书记须在委员选出后由委员会选举',
      );
    }
    // PTY-OFFICERS (equal election among the new committee, reviewed by the street party working committee) and the
    // secretary's own conditions (CAN-AGE-EDU: education and age, 一般/原则上, soft), both asked of the registry.
    const outcomes = [
      judge(
        'PTY-OFFICERS',
        {
          committeeMembers: committee.elected.map((e) => ({ id: e.candidateId ?? e.name, name: e.name })),
          secretary: input.secretary,
          deputies: input.deputySecretaries,
          review: { reviewedOn: input.reviewedOn ?? null, today: input.today },
        },
        ctx.profile,
      ),
    ];
    const secretary = await secretaryFacts(tx, input.secretary[0]);
    if (secretary) {
      // The limits every party candidate met at nomination are not asked again: only the secretary's.
      const secretaryOnly = { ...ctx.profile, candidateLimits: null };
      outcomes.push(judge('CAN-AGE-EDU', { candidate: secretary, contest: 'party', electionDay: ctx.meeting.date, secretary: true }, secretaryOnly));
    }
    await enforce(tx, {
      result: resultOfOutcomes(outcomes),
      justifications: input.justifications,
      actor: input.actor,
      roundId: ctx.round.id,
      communityId: ctx.community.id,
      action: 'open-officers',
    });
    const main = result.contests.find((c) => c.contest === 'party' && c.stage === 'main')!;
    const byId = new Map(committee.elected.map((e) => [e.candidateId ?? e.name, e.name]));
    const posts = [
      { contest: 'secretary', ids: input.secretary },
      ...(input.deputySecretaries.length ? [{ contest: 'deputy-secretary', ids: input.deputySecretaries }] : []),
    ];
    const contests = [];
    for (const post of posts) {
      const candidates = post.ids.map((id, i) => ({ id, name: byId.get(id)!, order: i + 1 }));
      const [row] = await tx
        .insert(meetingContests)
        .values({
          meetingId: ctx.meeting.id,
          contest: post.contest,
          stage: 'officers',
          seats: post.ids.length,
          candidates,
          parentId: main.contestId,
          voters: committee.elected.length,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) {
        const [existing] = await tx
          .select({ id: meetingContests.id })
          .from(meetingContests)
          .where(and(eq(meetingContests.meetingId, ctx.meeting.id), eq(meetingContests.contest, post.contest), eq(meetingContests.stage, 'officers')));
        throw errors.conflict('OFFICERS_OPEN', 'The officer election is already open', '书记、副书记选举已开始', { contestId: existing?.id });
      }
      contests.push({ contestId: row.id, contest: post.contest, seats: row.seats, voters: committee.elected.length, candidates });
      await appendAudit(tx, {
        actor: input.actor,
        action: 'open-officers',
        entity: 'meeting-contest',
        entityId: row.id,
        after: { meetingId: ctx.meeting.id, contest: post.contest, seats: row.seats, candidates, voters: committee.elected.length, reviewedOn: input.reviewedOn },
      });
    }
    return { contests };
  });
}

/** The proposed secretary as a candidate (from the party nomination and the voter register), or null if unknown. */
async function secretaryFacts(tx: DbOrTx, nominationId: string | undefined): Promise<CandidateFacts | null> {
  if (!nominationId) return null;
  const [row] = await tx
    .select({ nomination: nominations, voter: voters })
    .from(nominations)
    .innerJoin(voters, eq(voters.id, nominations.voterId))
    .where(eq(nominations.id, nominationId));
  if (!row) return null;
  const [member] = await tx
    .select({ status: partyMembers.status })
    .from(partyMembers)
    .where(and(eq(partyMembers.communityId, row.nomination.communityId), eq(partyMembers.voterId, row.voter.id)));
  return {
    name: row.voter.name,
    registered: true,
    birthDate: row.voter.birthDate,
    sex: row.voter.sex,
    residency: row.voter.residency,
    education: educationOf(row.nomination.education),
    incumbent: row.nomination.incumbent,
    partyMember: member?.status ?? null,
  };
}
