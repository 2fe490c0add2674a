/**
 * `GET /communities/:id/checks`: every rule code of RULES.md with pass / fail / warning / n/a and the figures
 * behind it. This use case only gathers the facts from the database; every verdict comes from `src/domain`
 * (the rule functions, then `buildChecks` which turns their results into the status list).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import {
  ballotBoxes,
  candidateLists,
  communities,
  filings,
  handovers,
  meetingContests,
  justifications,
  meetings,
  nominations,
  partyMembers,
  preliminaryReports,
  representatives,
  residentGroups,
  rosterEntries,
  tallySheets,
  units,
  voterListPublications,
  voters,
  certificates,
} from '../db/schema.js';
import { buildChecks, type Evaluation, type JudgedRule, type RuleCheck, type RuleNote } from '../domain/checks.js';
import { appliesToMethod, RULE_ENTRIES, type RuleDefinition } from '../domain/rules/index.js';
import { ENFORCED_AT_ENTRY } from '../domain/rules/types.js';
import { crossAppointment, electedDeputyRoles, electedRcSeats, type PartyType, type RcSeats } from '../domain/committee.js';
import { latestAdultBirthDate } from '../domain/eligibility.js';
import { checkRepresentatives } from '../domain/representatives.js';
import { isRuleCode, type RuleCode } from '../domain/violations.js';
import { listNoticeFacts, surplusFacts } from './candidates.js';
import { seatsOf } from './election-context.js';
import { loadElected, personKey } from './elected.js';
import { relativePairs } from './relatives.js';
import { loadCommunityContext } from './rules.js';
import { vettedCandidates } from './vetting.js';

export interface CheckItem extends RuleCheck {
  /** The written justification given for a soft rule (kept in the audit log). */
  readonly justification?: string;
}

export interface CommunityChecks {
  readonly communityId: string;
  readonly name: string;
  readonly items: readonly CheckItem[];
}

const count = async (db: DbOrTx, query: Promise<{ n: number }[]>): Promise<number> => (await query)[0]?.n ?? 0;

export async function computeCommunityChecks(db: DbOrTx, input: { communityId: string; today: string }): Promise<CommunityChecks> {
  const { community, profile } = await loadCommunityContext(db, input.communityId);
  const { today } = input;
  const electionDay = community.electionDay;
  const rcSeats = community.rcSeats as RcSeats;
  const party = community.party as { type: PartyType; members: number; seats: number; representatives?: number | null; approved?: boolean };
  const evaluations: Evaluation[] = [];
  const notes: RuleNote[] = [];
  const judged: JudgedRule[] = [];
  const evaluate = (rules: RuleCode[], result: Evaluation['result']) => evaluations.push({ rules, result });
  /** The registry decides: RULES[rule].evaluate(facts, profile). */
  const judge = <K extends keyof typeof RULE_ENTRIES>(key: K, facts: Parameters<(typeof RULE_ENTRIES)[K]['evaluate']>[0]) => {
    const entry = RULE_ENTRIES[key] as unknown as RuleDefinition<typeof facts>;
    judged.push({ rule: entry.code, outcome: entry.evaluate(facts, profile) });
  };
  const note = (rule: RuleCode, details: RuleNote['details'], status?: RuleNote['status']) =>
    notes.push({ rule, ...(details ? { details } : {}), ...(status ? { status } : {}) });
  /** Decided when each record was entered, not evaluated here: n/a with the reason, never a pass. */
  const atEntry = (rule: RuleCode, details: RuleNote['details'] = {}) => {
    judged.push({ rule, outcome: ENFORCED_AT_ENTRY });
    note(rule, { ...details, reason: 'enforced-at-entry' });
  };

  // Organisation.
  judge('ORG_RC_SIZE', rcSeats);
  judge('ORG_PARTY_TYPE', { type: party.type, members: party.members, seats: party.seats });
  const fullMembers = await count(db, db.select({ n: sql<number>`count(*)::int` }).from(partyMembers).where(and(eq(partyMembers.communityId, community.id), eq(partyMembers.status, 'full'))));
  const probationary = await count(db, db.select({ n: sql<number>`count(*)::int` }).from(partyMembers).where(and(eq(partyMembers.communityId, community.id), eq(partyMembers.status, 'probationary'))));
  const rosterKnown = fullMembers + probationary > 0;
  judge('ORG_PARTY_REPS', {
    fullMembers: rosterKnown ? fullMembers : party.members,
    probationary: rosterKnown ? probationary : 0,
    representatives: party.representatives ?? null,
    approved: party.approved ?? false,
  });
  judge('MTH_KIND', { method: community.method });
  const roundMethods = await db.select({ method: communities.method }).from(communities).where(eq(communities.roundId, community.roundId));
  judge('MTH_DIRECT_SHARE', { communities: roundMethods });

  // Voters: VOT-AGE is verified on what is stored; the rules that need what is not stored (the stated rights,
  // residence and approval) or a district-wide lookup were decided at entry.
  const registered = await count(db, db.select({ n: sql<number>`count(*)::int` }).from(voters).where(eq(voters.communityId, community.id)));
  const minors = await count(
    db,
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(voters)
      .where(and(eq(voters.communityId, community.id), sql`${voters.birthDate} > ${latestAdultBirthDate(electionDay)}`)),
  );
  if (registered > 0) {
    note('VOT-AGE', { registered, underage: minors }, minors > 0 ? 'fail' : 'pass');
    for (const rule of ['VOT-ID', 'VOT-RIGHTS', 'VOT-RESIDENT', 'VOT-NO-DUP'] as const) atEntry(rule, { registered });
  }
  const [publication] = await db
    .select()
    .from(voterListPublications)
    .where(eq(voterListPublications.communityId, community.id))
    .orderBy(asc(voterListPublications.publishedOn))
    .limit(1);
  if (publication) judge('VOT_LIST_PUBLISH', { publishedOn: publication.publishedOn, electionDay });
  else if (today >= electionDay) note('VOT-LIST-PUBLISH', { reason: 'not-published' }, 'fail');
  const rosterSize = await count(db, db.select({ n: sql<number>`count(*)::int` }).from(rosterEntries).where(eq(rosterEntries.communityId, community.id)));
  if (rosterSize > 0) {
    const missing = await count(
      db,
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(rosterEntries)
        .where(
          and(
            eq(rosterEntries.communityId, community.id),
            sql`${rosterEntries.explanation} is null`,
            sql`${rosterEntries.birthDate} <= ${latestAdultBirthDate(electionDay)}`,
            sql`not exists (select 1 from voters v where v.community_id = ${community.id} and v.id_number = ${rosterEntries.idNumber})`,
          ),
        ),
    );
    note('VOT-COMPLETE', { roster: rosterSize, missing }, missing > 0 ? 'warning' : 'pass');
  }

  // Representatives: the registry says which methods the REP-* rules belong to (the representative congress).
  if (appliesToMethod('REP-COUNT', community.method)) {
    const reps = await db.select().from(representatives).where(eq(representatives.communityId, community.id));
    const groups = await db.select().from(residentGroups).where(eq(residentGroups.communityId, community.id));
    const unitRows = await db.select().from(units).where(eq(units.communityId, community.id));
    const details = community.details as { repBasis?: 'group' | 'households' };
    evaluate(
      ['REP-COUNT', 'REP-RESIDENT-SHARE', 'REP-PER-GROUP', 'REP-PER-UNIT', 'REP-IS-VOTER'],
      checkRepresentatives(
        {
          reps: reps.map((r) => ({ id: r.id, name: r.name, kind: r.kind, groupId: r.groupId, unitId: r.unitId, isVoter: r.kind === 'unit' || r.voterId !== null })),
          groups: groups.map((g) => ({ id: g.id, name: g.name, households: g.households })),
          units: unitRows.map((u) => ({ id: u.id, name: u.name })),
          basis: details.repBasis ?? 'group',
        },
        profile,
      ),
    );
  }

  // Candidates.
  const lists = await db.select().from(candidateLists).where(and(eq(candidateLists.communityId, community.id), eq(candidateLists.current, true)));
  const nominationRows = await db.select().from(nominations).where(eq(nominations.communityId, community.id));
  if (nominationRows.length > 0) {
    for (const rule of ['CAN-NOMINATION', 'CAN-ELIGIBLE', 'CAN-AGE-EDU', 'CAN-ORDER'] as const) atEntry(rule, { nominations: nominationRows.length });
    const withdrawn = nominationRows.filter((n) => n.status === 'withdrawn').length;
    if (withdrawn > 0) atEntry('CAN-WITHDRAW', { withdrawn });
  }
  for (const list of lists) {
    const seats = seatsOf(community, list.contest);
    const ballot = (list as { ballot?: 'secret' | 'show-of-hands' }).ballot ?? 'secret';
    // A list republished because a candidate withdrew keeps its first publication's notice (CAN-WITHDRAW); whether the
    // backfilled name restarts the days is the profile's, decided by the registry.
    const notice = await listNoticeFacts(db, { community, list });
    if (notice.first) judge('CAN_LIST_NOTICE', notice.first);
    judge('CAN_LIST_NOTICE', notice.current);
    judge('CAN_SURPLUS', await surplusFacts(db, { community, list, today }));
    judge('MTG_SECRET', { seats, candidates: (list.candidates as unknown[]).length, ballot });
  }
  if (profile.jointReview) {
    const onLists = nominationRows.filter((n) => n.status === 'candidate').map((n) => n.id);
    if (onLists.length > 0) judge('CAN_VETTING', { candidates: await vettedCandidates(db, { roundId: community.roundId, nominationIds: onLists }) });
  }
  const reports = await db.select().from(preliminaryReports).where(eq(preliminaryReports.communityId, community.id));
  if (nominationRows.length > 0 || reports.length > 0) {
    const first = reports.map((r) => r.reportedOn).sort()[0] ?? null;
    judge('CAN_PRELIM_REPORT', { reportedOn: first, electionDay, today });
  }

  // Meetings and the count.
  const meetingRows = await db.select().from(meetings).where(and(eq(meetings.communityId, community.id), eq(meetings.purpose, 'election')));
  for (const meeting of meetingRows) {
    if (meeting.present !== null) {
      judge(meeting.kind === 'party' ? 'MTG_QUORUM_PARTY' : 'MTG_QUORUM_RC', { base: meeting.base, expected: meeting.expected, present: meeting.present });
    }
    const boxes = await db.select().from(ballotBoxes).where(eq(ballotBoxes.meetingId, meeting.id));
    if (boxes.length > 0) {
      judge('MTG_BOXES', { boxes: boxes.map((b) => ({ name: b.name, kind: b.kind, monitors: (b.monitors as unknown[]).length })) });
    }
    atEntry('MTG-PROXY');
    atEntry('MTG-RECUSAL');
  }
  const sheets = await db
    .select({ sheet: tallySheets, seats: meetingContests.seats, candidates: meetingContests.candidates })
    .from(tallySheets)
    .innerJoin(meetingContests, eq(meetingContests.id, tallySheets.contestId))
    .where(and(sql`${tallySheets.meetingId} in (select id from meetings where community_id = ${community.id})`, eq(tallySheets.current, true)));
  if (sheets.length > 0) {
    const single = sheets.filter((s) => (s.sheet.entryIds as unknown[]).length < 2).length;
    note('CNT-DOUBLE-ENTRY', { sheets: sheets.length, withoutSecondEntry: single }, single > 0 ? 'fail' : 'pass');
    // CNT-ARITH evaluated again on every confirmed sheet as stored.
    for (const { sheet, seats, candidates } of sheets) {
      const figures = { box: sheet.box, issued: sheet.issued, returned: sheet.returned, invalid: sheet.invalid, votes: sheet.votes as Record<string, number> };
      judge('CNT_ARITH', { sheet: figures, seats, validCandidateIds: (candidates as { id: string }[]).map((c) => c.id) });
    }
    note('CNT-ARITH', { sheets: sheets.length });
  }
  const elected = await loadElected(db, community.id);
  for (const m of elected.summary.meetings) {
    for (const contest of m.contests) {
      for (const line of contest.rules as { rule?: string; status?: string; outcome?: string; details?: Record<string, unknown>; params?: Record<string, unknown> }[]) {
        if (!line.rule || !isRuleCode(line.rule)) continue;
        const status = (['pass', 'fail', 'warning', 'n/a'] as const).find((s) => s === line.status) ?? (line.outcome === 'void' ? 'fail' : 'pass');
        // A contest that was voided and held again, or tied and re-voted, is settled by its follow-up: informational.
        // Only a failure or a warning is settled so; a line that did not apply (no tie, no write-in) stays 不适用.
        const settled = (status === 'fail' || status === 'warning') && (contest.revote?.contestId || contest.runoff?.contestId);
        note(line.rule, { [`${contest.contest}-${contest.stage}`]: String(line.outcome ?? line.status ?? '') }, settled ? 'pass' : status === 'n/a' ? undefined : status);
      }
    }
  }
  if (elected.rcComplete) {
    note('CNT-ANNOUNCE', { elected: elected.rc.length, vacancies: elected.rcVacancies }, 'pass');
    const women = elected.rc.filter((p) => p.sex !== null) as { sex: 'male' | 'female'; name: string; voterId: string | null }[];
    judge('ORG_RC_WOMAN', {
      members: women.map((p) => ({ id: p.voterId ?? p.name, name: p.name, sex: p.sex })),
      closeRelatives: await relativePairs(db, community.id),
    });
    // Composition is checked on who was actually elected, not only on the seats set up before the election.
    judge('ORG_RC_SIZE', electedRcSeats(elected.rc));
    const deputies = electedDeputyRoles({ contests: elected.rcContests, elected: elected.rc });
    if (deputies) judge('ORG_RC_DEPUTY_ROLES', deputies);
  }
  if (elected.party.length > 0) note('PTY-OFFICERS', { officers: elected.officers.length }, elected.officers.some((o) => o.post === 'secretary') ? 'pass' : undefined);
  const secretary = elected.officers.find((o) => o.post === 'secretary');
  const director = elected.rc.find((p) => p.post === 'director');
  if (elected.rc.length > 0 || elected.party.length > 0) {
    const cross = crossAppointment({
      rcMembers: elected.rc.map(personKey),
      partyMembers: elected.party.map(personKey),
      director: director ? personKey(director) : null,
      secretary: secretary ? personKey(secretary) : null,
    });
    note('ORG-CROSS', { both: cross.both, either: cross.either, percent: cross.percent, oneShoulder: cross.oneShoulder }, 'pass');
  }

  // After the election.
  const [filing] = await db.select().from(filings).where(and(eq(filings.communityId, community.id), eq(filings.kind, 'rc')));
  if (filing) note('AFT-FILING', { status: filing.status }, filing.status === 'returned' ? 'warning' : 'pass');
  const certificateCount = await count(db, db.select({ n: sql<number>`count(*)::int` }).from(certificates).where(eq(certificates.communityId, community.id)));
  if (certificateCount > 0) note('AFT-CERT', { issued: certificateCount }, 'pass');
  const [handover] = await db.select().from(handovers).where(eq(handovers.communityId, community.id)).orderBy(asc(handovers.completedOn)).limit(1);
  if (handover || today > electionDay) {
    judge('AFT_HANDOVER', { electionDay, completedOn: handover?.completedOn ?? null, today });
  }
  if (elected.rcComplete) note('AFT-REPORT', { available: true }, 'pass');
  atEntry('TML-PHASE');

  const given = await db.select().from(justifications).where(eq(justifications.communityId, community.id)).orderBy(asc(justifications.createdAt));
  const justificationOf = new Map(given.map((j) => [j.rule, j.text]));
  const items = buildChecks({ profile, judged, evaluations, notes }).map((check) => {
    const text = justificationOf.get(check.rule);
    return text ? { ...check, justification: text } : check;
  });
  return { communityId: community.id, name: community.name, items };
}

export async function computeRoundChecks(db: DbOrTx, input: { roundId: string; today: string }) {
  const list = await db.select({ id: communities.id }).from(communities).where(eq(communities.roundId, input.roundId)).orderBy(asc(communities.code));
  const out = [];
  for (const c of list) {
    const checks = await computeCommunityChecks(db, { communityId: c.id, today: input.today });
    out.push({ communityId: checks.communityId, name: checks.name, checks: [...checks.items] });
  }
  return out;
}

