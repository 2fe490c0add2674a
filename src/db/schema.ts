/**
 * The one drizzle schema of the service. Every election table carries `round_id` and/or `district_id`
 * so a province-scale deployment can shard by district (DESIGN.md, "Scale beyond one machine").
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  customType,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  unique,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().$defaultFn(() => randomUUID());
const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: 'string' });
/**
 * Text compared byte by byte (collation "C"): identity numbers and their last four characters are digits and X, so
 * byte order is their order, and the indexes on them need no locale comparison (much cheaper on a zh_CN database).
 */
const byteText = customType<{ data: string }>({ dataType: () => 'text collate "C"' });

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const districts = pgTable('districts', {
  id: id(),
  name: text('name').notNull(),
  code: text('code').notNull().unique(),
  createdAt: createdAt(),
});

export const streets = pgTable(
  'streets',
  {
    id: id(),
    districtId: uuid('district_id').notNull().references(() => districts.id),
    name: text('name').notNull(),
    code: text('code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('streets_district_code').on(t.districtId, t.code)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    username: text('username').notNull().unique(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'street', 'committee', 'scrutineer', 'bureau', 'reviewer'] }).notNull(),
    scopeId: uuid('scope_id'),
    chief: boolean('chief').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** Raised by a password change, a reset or a deactivation: every token carrying an older version is refused. */
    tokenVersion: integer('token_version').notNull().default(1),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_lower').on(sql`lower(${t.username})`)],
);

/**
 * Failed logins per (address, lower-case user name), counted atomically; known and unknown names alike, so the
 * answers tell nothing about which accounts exist. A lock keeps that address away from that name only, for a time
 * that doubles with each lock up to a cap; an admin may unlock.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    address: text('address').notNull(),
    username: text('username').notNull(),
    failures: integer('failures').notNull().default(0),
    lockouts: integer('lockouts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.address, t.username] }), index('login_throttle_username').on(t.username)],
);

/** Append-only, hash-chained log of every change (who, role, what, before/after). */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    role: text('role').notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
);

/** Chain heads recorded when a filing is submitted or reviewed (keyed MAC, so they cannot be forged); `GET /audit/verify` checks each. */
export const auditAnchors = pgTable('audit_anchors', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  hash: text('hash').notNull(),
  mac: text('mac').notNull(),
  filingId: uuid('filing_id'),
  createdAt: createdAt(),
});

export const rounds = pgTable('rounds', {
  id: id(),
  districtId: uuid('district_id').notNull().references(() => districts.id),
  streetId: uuid('street_id').notNull().references(() => streets.id),
  name: text('name').notNull(),
  /** The term key (year of the round) within which one person registers once per district (VOT-NO-DUP). */
  term: integer('term').notNull(),
  profileName: text('profile_name').notNull(),
  /** Snapshot of the rule profile taken when the round was configured. */
  profile: jsonb('profile').notNull(),
  /** Each parameter set differently from the preset, with the steering group's reason: `[{ parameter, from, to, reason }]`. */
  profileChanges: jsonb('profile_changes').notNull().default([]),
  phases: jsonb('phases').notNull(),
  createdAt: createdAt(),
});

export const communities = pgTable(
  'communities',
  {
    id: id(),
    roundId: uuid('round_id').notNull().references(() => rounds.id),
    districtId: uuid('district_id').notNull().references(() => districts.id),
    streetId: uuid('street_id').notNull().references(() => streets.id),
    name: text('name').notNull(),
    code: text('code').notNull(),
    households: integer('households').notNull(),
    method: text('method', { enum: ['congress', 'direct', 'household'] }).notNull(),
    electionDay: day('election_day').notNull(),
    partyElectionDay: day('party_election_day'),
    rcSeats: jsonb('rc_seats').notNull(),
    party: jsonb('party').notNull(),
    /** Election time, place, polling stations, mobile boxes, previous public deputies, issuer... */
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('communities_round_code').on(t.roundId, t.code)],
);

export const residentGroups = pgTable('resident_groups', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  roundId: uuid('round_id').notNull(),
  name: text('name').notNull(),
  households: integer('households').notNull().default(0),
  createdAt: createdAt(),
});

export const units = pgTable('units', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  roundId: uuid('round_id').notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const voters = pgTable(
  'voters',
  {
    id: id(),
    districtId: uuid('district_id').notNull(),
    term: integer('term').notNull(),
    roundId: uuid('round_id').notNull(),
    /**
     * No foreign-key constraint: a constraint checks every row of a million-row import one at a time (a third of the
     * load). The id is always the community the service just read in the same transaction (the import locks it
     * `for key share`), and the trigger `communities_keep_voters` (migration 0004) refuses to delete a community, or
     * change its id, while voters point at it.
     */
    communityId: uuid('community_id').notNull(),
    /** Normalised 18-character identity number. */
    idNumber: byteText('id_number').notNull(),
    idLast4: byteText('id_last4').notNull(),
    name: text('name').notNull(),
    birthDate: day('birth_date').notNull(),
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    groupId: uuid('group_id'),
    groupName: text('group_name'),
    householdNo: text('household_no'),
    address: text('address'),
    residency: text('residency', { enum: ['registered', 'resident', 'worker'] }).notNull(),
    source: text('source', { enum: ['single', 'import', 'objection'] }).notNull().default('single'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('voters_district_term_id').on(t.districtId, t.term, t.idNumber),
    // Serves every per-community read and the search by last four characters. A name search is a substring match
    // (`ilike '%…%'`), which no btree serves; it filters the community's rows found through this index.
    index('voters_community_last4').on(t.communityId, t.idLast4),
  ],
);

/** Resident roster (for VOT-COMPLETE, 不漏登). */
export const rosterEntries = pgTable(
  'roster_entries',
  {
    id: id(),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    idNumber: text('id_number').notNull(),
    name: text('name').notNull(),
    birthDate: day('birth_date').notNull(),
    explanation: text('explanation'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('roster_community_id').on(t.communityId, t.idNumber)],
);

export const voterListPublications = pgTable('voter_list_publications', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  publishedOn: day('published_on').notNull(),
  noticeNo: integer('notice_no').notNull(),
  /**
   * The upheld objection whose change republished the list (VOT-LIST-PUBLISH); null for the committee's own
   * publication, from which the notice days and the objection window count.
   */
  objectionId: uuid('objection_id').references(() => objections.id),
  createdAt: createdAt(),
});

export const objections = pgTable('objections', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  kind: text('kind', { enum: ['add', 'remove', 'correct'] }).notNull(),
  filedOn: day('filed_on').notNull(),
  filedBy: text('filed_by').notNull(),
  voterId: uuid('voter_id'),
  /** For an `add` objection: the registration asked for. */
  person: jsonb('person'),
  reason: text('reason').notNull(),
  status: text('status', { enum: ['pending', 'upheld', 'rejected'] }).notNull().default('pending'),
  decidedOn: day('decided_on'),
  decisionReason: text('decision_reason'),
  createdAt: createdAt(),
});

export const representatives = pgTable('representatives', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  kind: text('kind', { enum: ['resident', 'unit'] }).notNull(),
  voterId: uuid('voter_id'),
  unitId: uuid('unit_id'),
  groupId: uuid('group_id'),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const partyMembers = pgTable('party_members', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  name: text('name').notNull(),
  voterId: uuid('voter_id'),
  status: text('status', { enum: ['full', 'probationary'] }).notNull(),
  createdAt: createdAt(),
});

export const nominations = pgTable(
  'nominations',
  {
    id: id(),
    /** Nomination order within the community (backfill after a withdrawal follows it). */
    seq: serial('seq').notNull(),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    contest: text('contest', { enum: ['director', 'deputy', 'member', 'committee', 'party'] }).notNull(),
    voterId: uuid('voter_id').notNull(),
    name: text('name').notNull(),
    basis: text('basis', { enum: ['voters', 'households', 'group', 'committee', 'self'] }).notNull(),
    nominatorIds: jsonb('nominator_ids').notNull().default(sql`'[]'::jsonb`),
    education: text('education'),
    roles: jsonb('roles').notNull().default(sql`'[]'::jsonb`),
    incumbent: boolean('incumbent').notNull().default(false),
    /** The nominee agreed to stand (本人同意); a nomination by the election committee needs it (CAN-NOMINATION). */
    consent: boolean('consent').notNull().default(false),
    /** The residents' group that nominated (basis `group`). */
    groupId: uuid('group_id'),
    status: text('status', { enum: ['preliminary', 'candidate', 'withdrawn'] }).notNull().default('preliminary'),
    withdrawnOn: day('withdrawn_on'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('nominations_contest_voter').on(t.communityId, t.contest, t.voterId)],
);

export const candidateLists = pgTable('candidate_lists', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  contest: text('contest').notNull(),
  version: integer('version').notNull(),
  publishedOn: day('published_on').notNull(),
  /** Ballot order: [{ nominationId, voterId, name, order }]. */
  candidates: jsonb('candidates').notNull(),
  current: boolean('current').notNull().default(true),
  noticeNo: integer('notice_no').notNull(),
  /** `show-of-hands` only for an equal (等额) list where the profile allows it (CAN-SURPLUS, MTG-SECRET). */
  ballot: text('ballot', { enum: ['secret', 'show-of-hands'] }).notNull().default('secret'),
  createdAt: createdAt(),
}, (t) => [index('candidate_lists_community_contest').on(t.communityId, t.contest)]);

export const preliminaryReports = pgTable('preliminary_reports', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  contest: text('contest').notNull(),
  reportedOn: day('reported_on').notNull(),
  createdAt: createdAt(),
});

export const meetings = pgTable('meetings', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  roundId: uuid('round_id').notNull(),
  kind: text('kind', { enum: ['rc', 'party'] }).notNull(),
  date: day('date').notNull(),
  /** Base of the quorum: representatives, voters, households or party members (full members only). */
  base: text('base', { enum: ['representatives', 'voters', 'households', 'party-members'] }).notNull(),
  expected: integer('expected').notNull(),
  present: integer('present'),
  ballot: text('ballot', { enum: ['secret', 'show-of-hands'] }).notNull().default('secret'),
  /** `election`: the round's meeting; `by-election` (补选) fills one vacancy; `recall` (罢免) votes on one recall. */
  purpose: text('purpose', { enum: ['election', 'by-election', 'recall'] }).notNull().default('election'),
  createdAt: createdAt(),
}, (t) => [index('meetings_community').on(t.communityId)]);

/**
 * A voter checked in at a meeting by the QR code of the voter card (扫码签到): once per voter and meeting. `holderVoterId`
 * is set when the card was brought by the proxy holder of the proxy register (委托投票). Each check-in adds one to the
 * meeting's `present`, the one attendance figure.
 */
export const checkIns = pgTable(
  'check_ins',
  {
    id: id(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    voterId: uuid('voter_id').notNull(),
    holderVoterId: uuid('holder_voter_id'),
    byUser: uuid('by_user'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('check_ins_once').on(t.meetingId, t.voterId)],
);

/** A recall (罢免): the petition (联名), then the vote at a recall meeting and its result. */
export const recalls = pgTable('recalls', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  roundId: uuid('round_id').notNull(),
  /** The elected member's nomination and post. */
  nominationId: uuid('nomination_id').notNull(),
  contest: text('contest').notNull(),
  name: text('name').notNull(),
  /** Who signed: registered voters or representatives (AFT-RECALL). */
  base: text('base', { enum: ['voters', 'representatives'] }).notNull(),
  baseCount: integer('base_count').notNull(),
  petitioners: integer('petitioners').notNull(),
  reason: text('reason').notNull(),
  filedOn: day('filed_on').notNull(),
  meetingId: uuid('meeting_id'),
  status: text('status', { enum: ['petitioned', 'recalled', 'kept'] }).notNull().default('petitioned'),
  /** The vote: ballots returned, for and against the recall. */
  returned: integer('returned'),
  votesFor: integer('votes_for'),
  votesAgainst: integer('votes_against'),
  decidedOn: day('decided_on'),
  createdAt: createdAt(),
});

/** A seat that fell vacant after the round (resignation, death, recall) and its by-election (补选). */
export const vacancies = pgTable('vacancies', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  roundId: uuid('round_id').notNull(),
  contest: text('contest', { enum: ['director', 'deputy', 'member'] }).notNull(),
  nominationId: uuid('nomination_id').notNull(),
  name: text('name').notNull(),
  reason: text('reason', { enum: ['resignation', 'death', 'recall'] }).notNull(),
  occurredOn: day('occurred_on').notNull(),
  recallId: uuid('recall_id'),
  /** The by-election's meeting and its contest (the round's own tally machinery). */
  meetingId: uuid('meeting_id'),
  contestId: uuid('contest_id'),
  status: text('status', { enum: ['open', 'by-election', 'filled', 'unfilled'] }).notNull().default('open'),
  filledBy: text('filled_by'),
  certificateNumber: integer('certificate_number'),
  createdAt: createdAt(),
});

/**
 * Party members excused from a party election meeting with the higher organisation's approval (MTG-QUORUM-PARTY):
 * not counted among those who should attend. Each with its reason (2020 regulation) and who approved it.
 */
export const meetingExcused = pgTable(
  'meeting_excused',
  {
    id: id(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    partyMemberId: uuid('party_member_id').notNull(),
    name: text('name').notNull(),
    reason: text('reason', { enum: ['illness', 'abroad', 'investigation', 'suspended', 'posted'] }).notNull(),
    approvedBy: text('approved_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_excused_member').on(t.meetingId, t.partyMemberId)],
);

/** A contest voted on at a meeting: main election, a re-vote among tied people, a run-off, party officers. */
export const meetingContests = pgTable(
  'meeting_contests',
  {
    id: id(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    contest: text('contest').notNull(),
    stage: text('stage', { enum: ['main', 'revote', 'runoff', 'officers'] }).notNull().default('main'),
    seats: integer('seats').notNull(),
    /** [{ id, name }] in ballot order. */
    candidates: jsonb('candidates').notNull(),
    parentId: uuid('parent_id'),
    /** Those entitled to vote when not the meeting's attendance (officers: the members of the new committee). */
    voters: integer('voters'),
    createdAt: createdAt(),
  },
  (t) => [unique('meeting_contests_once').on(t.meetingId, t.contest, t.stage, t.parentId).nullsNotDistinct()],
);

export const ballotBoxes = pgTable(
  'ballot_boxes',
  {
    id: id(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['main', 'station', 'mobile'] }).notNull(),
    monitors: jsonb('monitors').notNull().default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('boxes_meeting_name').on(t.meetingId, t.name)],
);

export const meetingStaff = pgTable('meeting_staff', {
  id: id(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
  name: text('name').notNull(),
  voterId: uuid('voter_id'),
  duty: text('duty', { enum: ['monitor', 'caller', 'counter'] }).notNull(),
  createdAt: createdAt(),
});

/**
 * Close relatives (近亲属, Civil Code Art. 1045) the committee declares between two voters of its community, so that
 * ORG-RC-WOMAN can be judged on who was elected and MTG-RECUSAL on who counts. Stored once per pair, lower id first.
 */
export const closeRelatives = pgTable(
  'close_relatives',
  {
    id: id(),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    voterAId: uuid('voter_a_id').notNull().references(() => voters.id, { onDelete: 'cascade' }),
    voterBId: uuid('voter_b_id').notNull().references(() => voters.id, { onDelete: 'cascade' }),
    relation: text('relation', { enum: ['spouse', 'parent-child', 'sibling', 'grandparent-grandchild'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('close_relatives_pair').on(t.communityId, t.voterAId, t.voterBId)],
);

export const proxies = pgTable('proxies', {
  id: id(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
  giverVoterId: uuid('giver_voter_id').notNull(),
  holderVoterId: uuid('holder_voter_id').notNull(),
  approved: boolean('approved').notNull().default(true),
  createdAt: createdAt(),
});

/** One scrutineer's typing of one tally sheet (per contest and box). Never linked to a voter. */
export const tallyEntries = pgTable(
  'tally_entries',
  {
    id: id(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    contestId: uuid('contest_id').notNull(),
    box: text('box').notNull(),
    /** Bumped by a correction: entries of a new sheet version are compared among themselves only. */
    sheetVersion: integer('sheet_version').notNull().default(1),
    enteredBy: uuid('entered_by').notNull(),
    issued: integer('issued').notNull(),
    returned: integer('returned').notNull(),
    invalid: integer('invalid').notNull(),
    /** Of the invalid ballots, those that chose more people than seats (CNT-OVERVOTE). */
    overvoted: integer('overvoted').notNull().default(0),
    /** The 有效票 line as typed from the paper (CNT-ARITH: returned = valid + invalid); null when not typed. */
    valid: integer('valid'),
    votes: jsonb('votes').notNull(),
    status: text('status', { enum: ['pending', 'confirmed', 'discarded', 'superseded'] }).notNull().default('pending'),
    reason: text('reason'),
    /** Finished with errors after speaking to the chief scrutineer: the rule breaches it was finished with. */
    errors: jsonb('errors'),
    createdAt: createdAt(),
  },
  (t) => [
    // A discarded entry frees its typist to enter the sheet again.
    uniqueIndex('tally_entry_once')
      .on(t.contestId, t.box, t.sheetVersion, t.enteredBy)
      .where(sql`status <> 'discarded'`),
  ],
);

/**
 * A sheet being typed (录入中): opening a sheet claims it for one scrutineer (one claim per sheet and version), and
 * the partial figures are kept here (暂停（保留录入）) until the entry is submitted or the draft deleted. A draft the
 * chief scrutineer sends back carries the typist's figures with the conflicting fields cleared (`cleared`).
 */
export const tallyDrafts = pgTable(
  'tally_drafts',
  {
    id: id(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    contestId: uuid('contest_id').notNull(),
    box: text('box').notNull(),
    sheetVersion: integer('sheet_version').notNull().default(1),
    scrutineerId: uuid('scrutineer_id').notNull(),
    /** Partial figures: { issued?, returned?, invalid?, overvoted?, votes: { key: n } }. */
    figures: jsonb('figures').notNull(),
    cleared: jsonb('cleared').notNull().default(sql`'[]'::jsonb`),
    correctionOf: uuid('correction_of'),
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('tally_draft_once').on(t.contestId, t.box, t.sheetVersion)],
);

/** A confirmed sheet: two scrutineers agreed. Immutable; a correction supersedes it. */
export const tallySheets = pgTable(
  'tally_sheets',
  {
    id: id(),
    meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
    contestId: uuid('contest_id').notNull(),
    box: text('box').notNull(),
    sheetVersion: integer('sheet_version').notNull(),
    issued: integer('issued').notNull(),
    returned: integer('returned').notNull(),
    invalid: integer('invalid').notNull(),
    overvoted: integer('overvoted').notNull().default(0),
    votes: jsonb('votes').notNull(),
    entryIds: jsonb('entry_ids').notNull(),
    current: boolean('current').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tally_sheet_once').on(t.contestId, t.box, t.sheetVersion), index('tally_sheets_meeting').on(t.meetingId)],
);

export const notices = pgTable(
  'notices',
  {
    id: id(),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    number: integer('number').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    issuedOn: day('issued_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('notices_community_number').on(t.communityId, t.number)],
);

/** Soft-rule acknowledgements and exceptions granted by the steering group. */
export const justifications = pgTable('justifications', {
  id: id(),
  communityId: uuid('community_id'),
  roundId: uuid('round_id').notNull(),
  rule: text('rule').notNull(),
  text: text('text').notNull(),
  byUser: uuid('by_user'),
  createdAt: createdAt(),
});

export const filings = pgTable('filings', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  districtId: uuid('district_id').notNull(),
  kind: text('kind', { enum: ['rc', 'party'] }).notNull().default('rc'),
  /** `recorded`: the residents' committee's filing (备案); `approved`: the party's (审批), or an older recorded one. */
  status: text('status', { enum: ['submitted', 'recorded', 'approved', 'returned'] }).notNull(),
  /** The checks as they stood at submission. */
  checks: jsonb('checks').notNull(),
  history: jsonb('history').notNull().default(sql`'[]'::jsonb`),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** What a return reopens (`attendance`, `tally`, `voters`, `candidates`); everything else stays frozen. */
  reopened: jsonb('reopened').notNull().default(sql`'[]'::jsonb`),
  /** The audit chain head (sequence and hash) when the filing was last submitted or reviewed. */
  chainSeq: bigint('chain_seq', { mode: 'number' }),
  chainHash: text('chain_hash'),
  createdAt: createdAt(),
});

export const certificates = pgTable(
  'certificates',
  {
    id: id(),
    roundId: uuid('round_id').notNull(),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    number: integer('number').notNull(),
    name: text('name').notNull(),
    post: text('post').notNull(),
    issuedOn: day('issued_on').notNull(),
    /** Withdrawn (AFT-FILING): the bureau returned the filing and the return voids the result these certify. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('certificates_round_number').on(t.roundId, t.number)],
);

export const handovers = pgTable('handovers', {
  id: id(),
  communityId: uuid('community_id').notNull().references(() => communities.id),
  completedOn: day('completed_on').notNull(),
  supervisor: text('supervisor').notNull(),
  notes: text('notes'),
  createdAt: createdAt(),
});

export const jobs = pgTable('jobs', {
  id: id(),
  kind: text('kind').notNull(),
  /** The community the job works for (its scope); null for system jobs. */
  communityId: uuid('community_id'),
  /** Where the finished output is kept (a file under DATA_DIR/jobs), if any. */
  outputPath: text('output_path'),
  status: text('status', { enum: ['queued', 'running', 'done', 'failed', 'cancelled'] }).notNull(),
  /** What the worker needs to run the job on any instance (src/jobs). */
  payload: jsonb('payload'),
  /** Runs started so far (a run whose process died is retried: see src/jobs/queue.ts). */
  attempt: integer('attempt').notNull().default(0),
  /** The pg-boss job carrying it (PostgreSQL); null in-process. */
  queueId: text('queue_id'),
  done: integer('done').notNull().default(0),
  total: integer('total').notNull().default(0),
  result: jsonb('result'),
  error: text('error'),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** A department of a district that reviews candidates (资格联审部门: 纪委监委, 公安 …); a reviewer user is scoped to one. */
export const reviewDepartments = pgTable(
  'review_departments',
  {
    id: id(),
    districtId: uuid('district_id').notNull().references(() => districts.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('review_departments_district_name').on(t.districtId, t.name)],
);

/** The departments the street names to review a round's candidates (CAN-VETTING), in their order. */
export const roundReviewDepartments = pgTable(
  'round_review_departments',
  {
    roundId: uuid('round_id').notNull().references(() => rounds.id),
    departmentId: uuid('department_id').notNull().references(() => reviewDepartments.id),
    seq: integer('seq').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.departmentId] })],
);

/** One department's review of one preliminary candidate (通过 / 不通过 with a reason); a new review replaces it. */
export const vettingReviews = pgTable(
  'vetting_reviews',
  {
    id: id(),
    roundId: uuid('round_id').notNull(),
    communityId: uuid('community_id').notNull().references(() => communities.id),
    nominationId: uuid('nomination_id').notNull().references(() => nominations.id),
    departmentId: uuid('department_id').notNull().references(() => reviewDepartments.id),
    decision: text('decision', { enum: ['pass', 'fail'] }).notNull(),
    reason: text('reason'),
    reviewedOn: day('reviewed_on').notNull(),
    byUser: uuid('by_user'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('vetting_reviews_nomination_department').on(t.nominationId, t.departmentId)],
);

/**
 * The upward statistics report (换届选举情况统计表) of a round: its status from street to district (no row: 未填报) and
 * the figures the data cannot give, typed by the street (`manual`: {communityId: {field: value}}).
 */
export const statisticsReports = pgTable('statistics_reports', {
  roundId: uuid('round_id').primaryKey().references(() => rounds.id),
  districtId: uuid('district_id').notNull(),
  status: text('status', { enum: ['draft', 'submitted', 'returned'] }).notNull().default('draft'),
  reason: text('reason'),
  manual: jsonb('manual').notNull().default(sql`'{}'::jsonb`),
  history: jsonb('history').notNull().default(sql`'[]'::jsonb`),
  submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});
