/**
 * Plain data for each paper: what the loaders (src/services/documents.ts) build from the database and the renderers
 * print. Dates are calendar dates `YYYY-MM-DD`; identity numbers are already masked. No wording here: it is in
 * templates/.
 */

export const DOCUMENT_KINDS = [
  'election-notice',
  'voter-list',
  'candidate-list',
  'ballot',
  'voter-cards',
  'result-notice',
  'certificates',
  'filing-report',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The papers one can ask for (`GET /communities/:id/documents/<paper>.pdf`): the eight kinds above, and the party's
 * and the follow-up votes' papers, which are printed by the candidate-list, ballot and result-notice renderers.
 */
export const PAPER_KINDS = [...DOCUMENT_KINDS, 'party-candidate-list', 'party-ballot', 'officer-ballot', 'runoff-ballot', 'party-result-notice'] as const;
export type PaperKind = (typeof PAPER_KINDS)[number];

export type Method = 'congress' | 'direct' | 'household';
export type Post = 'director' | 'deputy' | 'member' | 'committee' | 'party' | 'secretary' | 'deputy-secretary';

export type { PaperOrg } from './layout.js';
import type { Fraction } from '../domain/profile.js';
import type { PaperOrg } from './layout.js';

export interface ElectionNoticeVm {
  readonly org: PaperOrg;
  readonly noticeNo: number;
  readonly issuedOn: string;
  readonly issuer: string;
  readonly communityName: string;
  readonly roundName: string;
  readonly method: Method;
  readonly seats: readonly { readonly post: Post; readonly count: number }[];
  readonly electionDay: string;
  readonly time: string | null;
  readonly place: string | null;
  readonly pollingStations: readonly string[];
  readonly mobileBoxes: number;
  /** Days before election day by which the voter list is published (VOT-LIST-PUBLISH). */
  readonly voterListNoticeDays: number;
  /**
   * CAN-SURPLUS as far as it is known: `competitive` when every published list has more candidates than seats,
   * `equal` when one has as many, `open` before the lists are published (then the profile says whether an equal
   * election by show of hands is allowed).
   */
  readonly surplus: 'competitive' | 'equal' | 'open';
  readonly equalElectionAllowed: boolean;
  /** MTG-PROXY: most proxies one voter may hold (direct and household elections only). */
  readonly proxyMax: number;
  /** MTG-BOXES: monitors for each polling station and mobile box. */
  readonly monitorsPerBox: number;
  /** Congress method: representatives registered, and the share that must attend (MTG-QUORUM-RC), in Chinese. */
  readonly representatives: number;
  readonly quorumZh: string;
}

export interface VoterListEntry {
  /** Number on the list (the voter card carries the same). */
  readonly number: number;
  readonly name: string;
  readonly sex: 'male' | 'female';
  /** Masked: `620102********123X`. */
  readonly idMasked: string;
}

export interface VoterListVm {
  readonly org: PaperOrg;
  readonly noticeNo: number;
  /** The committee's publication (the objection window counts from it). */
  readonly publishedOn: string;
  /** When an upheld objection changed the list: the day it was published again (the notice is then that day's). */
  readonly republishedOn?: string;
  readonly issuer: string;
  readonly communityName: string;
  readonly electionDay: string;
  /** Last day on which an objection may be filed (publication + objectionDays). */
  readonly objectionUntil: string;
  readonly objectionDays: number;
  readonly decisionDays: number;
  readonly total: number;
  /** In the groups' own order; voters with no group last (`name` null). */
  readonly groups: readonly { readonly name: string | null; readonly voters: readonly VoterListEntry[] }[];
}

export interface CandidateEntry {
  readonly order: number;
  readonly name: string;
  readonly sex: 'male' | 'female' | null;
  readonly age: number | null;
  readonly education: string | null;
  readonly basis: 'voters' | 'households' | 'group' | 'committee' | 'self';
}

export interface CandidateListVm {
  readonly org: PaperOrg;
  readonly communityName: string;
  readonly issuer: string;
  readonly electionDay: string;
  /** CAN-ORDER as the profile sets it. */
  readonly ordering: 'surname-strokes' | 'as-entered';
  /** CAN-NOMINATION: how many voters or household representatives a joint nomination needs (the profile's). */
  readonly nominationMin: { readonly voters: number; readonly households: number };
  /** One notice per published list (each has its own number and date). */
  readonly lists: readonly {
    readonly noticeNo: number;
    readonly publishedOn: string;
    readonly post: Post;
    /** What is elected, in full (张掖路社区居民委员会主任, 中共张掖路社区总支部委员会委员). */
    readonly electing: string;
    /** Who publishes the list: the residents' election committee, or the party organisation for the party list. */
    readonly issuer: string;
    readonly seats: number;
    readonly electionDay: string;
    readonly candidates: readonly CandidateEntry[];
    /**
     * CAN-LIST-NOTICE as the rule registry decided it for this publication under the round's profile (a
     * republication after a withdrawal judged as one): the days required and given when it came too late.
     */
    readonly noticeShort?: { readonly required: number; readonly actual: number } | null;
    /** CAN-SURPLUS as the rule registry decided it for this list (a withdrawal that left it short): seats and candidates. */
    readonly surplusShort?: { readonly seats: number; readonly candidates: number } | null;
  }[];
}

export interface BallotVm {
  readonly org: PaperOrg;
  readonly communityName: string;
  readonly roundName: string;
  readonly electionDay: string;
  readonly ballots: readonly {
    readonly post: Post;
    readonly stage: 'main' | 'runoff' | 'revote';
    /** What is elected, in full (张掖路社区居民委员会主任, 中共张掖路社区总支部委员会书记). */
    readonly electing: string;
    /** Whose seal makes the ballot valid: the residents' election committee or the party organisation. */
    readonly sealOf: string;
    /** The day of this vote (the party's election day for party ballots). */
    readonly day: string;
    readonly seats: number;
    /** In ballot order (CAN-ORDER: surname strokes). */
    readonly candidates: readonly { readonly name: string }[];
  }[];
}

export interface VoterCard {
  /** The voter's number on the published voter list. */
  readonly number: number;
  readonly name: string;
  readonly idMasked: string;
  readonly group: string | null;
  /** The signed check-in token the card's QR code carries (src/services/card-tokens.ts); no QR code when absent. */
  readonly qr?: string | undefined;
}

export interface VoterCardsVm {
  readonly org: PaperOrg;
  readonly communityName: string;
  readonly roundName: string;
  readonly electionDay: string;
  readonly time: string | null;
  readonly place: string | null;
  readonly pollingStations: readonly string[];
  readonly issuer: string;
  /** Who holds the cards: every voter, or (a representatives' congress) the representatives only: 代表证. */
  readonly holders?: 'voters' | 'representatives';
  readonly total: number;
  /** Cards per A4 page: 1, or 8 (2 × 4 with cut lines) as committees print them. */
  readonly perPage: 1 | 8;
  /** Streamed: the loader pages through the database. */
  readonly cards: AsyncIterable<VoterCard> | Iterable<VoterCard>;
}

export interface ResultContestVm {
  readonly post: Post;
  readonly stage: 'main' | 'revote' | 'runoff';
  readonly seats: number;
  readonly issued: number;
  readonly returned: number;
  readonly valid: number;
  readonly invalid: number;
  /** CNT-BALLOTS: false when more ballots came back than were issued (void, held again). */
  readonly ballotsValid: boolean;
  readonly votes: readonly { readonly name: string; readonly votes: number; readonly writeIn: boolean; readonly elected: boolean }[];
  readonly vacancies: number;
  readonly revote: readonly string[] | null;
  readonly runoff: { readonly seats: number; readonly candidates: readonly string[] } | null;
  /** The threshold the winners of this vote met, as the result decided it (null: void vote). */
  readonly threshold: ResultThreshold | null;
}

/**
 * Which threshold a winner met (from the result, never recomputed here): a majority of those present (CNT-MAJORITY-RC,
 * or the party's CNT-MAJORITY-PARTY), at least a share of the ballots cast in a run-off (CNT-RUNOFF), or the most
 * votes in a re-vote among the tied (CNT-RANK).
 */
export interface ResultThreshold {
  readonly kind: 'majority' | 'party-majority' | 'runoff-share' | 'most-votes';
  /** 二分之一, 三分之一 (the profile's fraction). */
  readonly shareZh: string;
  /** The number the share is taken of (those present, or ballots cast). */
  readonly of: number;
}

export interface ResultNoticeVm {
  readonly org: PaperOrg;
  readonly noticeNo: number | null;
  readonly issuedOn: string;
  readonly issuer: string;
  readonly communityName: string;
  readonly electionDay: string;
  readonly method: Method;
  readonly base: 'representatives' | 'voters' | 'households' | 'party-members';
  readonly expected: number;
  readonly present: number;
  /** The profile's quorum (rcQuorum, or partyQuorum on the party's notice): more than this share took part. */
  readonly quorum: Fraction;
  readonly contests: readonly ResultContestVm[];
  readonly elected: readonly { readonly post: Post; readonly people: readonly { readonly name: string; readonly threshold: ResultThreshold | null; readonly stage: 'main' | 'revote' | 'runoff' }[] }[];
  readonly vacancies: number;
  /** The party organisation's result (党组织选举结果公告): absent on the residents' committee's notice. */
  readonly party?: PartyResultVm;
}

/** What the party committee's result notice says beyond the votes: whose, at which meeting, and the officers. */
export interface PartyResultVm {
  /** 中共张掖路社区支部委员会 (ORG-PARTY-TYPE): the title, the elected line and the issuer's seal. */
  readonly orgName: string;
  /** 党员大会, or 党员代表大会 where one replaces it (ORG-PARTY-REPS). */
  readonly assembly: 'general-meeting' | 'congress';
  /** MTG-QUORUM-PARTY in words: those present must exceed this share (the notice's `quorum`) of those who should attend. */
  readonly quorumZh: string;
  /** PTY-OFFICERS: the secretary and deputies elected by the new committee, once elected. */
  readonly officers: readonly { readonly post: 'secretary' | 'deputy-secretary'; readonly names: readonly string[] }[];
}

export interface CertificateVm {
  readonly number: number;
  readonly name: string;
  readonly postZh: string;
  readonly issuedOn: string;
}

export interface CertificatesVm {
  readonly org: PaperOrg;
  readonly communityName: string;
  readonly roundName: string;
  /** The year in the certificate number (the round's term key). */
  readonly termYear: number;
  /** 第N届 when the community's term number is configured, else null (the years alone are printed). */
  readonly termNumber: number | null;
  /** 任期 from election day to the same day `termYears` later. */
  readonly termFrom: string;
  readonly termTo: string;
  /** The street office (张掖路街道办事处) on behalf of the district government (兰州市城关区人民政府). */
  readonly issuedBy: string;
  readonly onBehalfOf: string;
  readonly certificates: readonly CertificateVm[];
  /**
   * Who the confirmed result elected (name and post as printed). When given, the renderer refuses a certificate for
   * anyone else and a missing or doubled one (AFT-CERT: certificates only for the elected).
   */
  readonly elected?: readonly { readonly name: string; readonly postZh: string }[];
}

export interface FilingCheckVm {
  readonly rule: string;
  readonly titleZh: string;
  readonly severity: string;
  /** `unchecked`: the rule applies but nothing was there to check yet (never printed as 不适用). */
  readonly status: 'pass' | 'fail' | 'warning' | 'n/a' | 'unchecked';
  readonly details: string;
  readonly justification: string | null;
}

export interface FilingReportVm {
  readonly org: PaperOrg;
  readonly communityName: string;
  readonly roundName: string;
  readonly method: Method;
  readonly electionDay: string;
  readonly filingStatus: 'draft' | 'submitted' | 'recorded' | 'approved' | 'returned';
  readonly submittedOn: string | null;
  /** The date printed on the report (submission day, or the day of a draft). */
  readonly reportDate: string;
  readonly checks: readonly FilingCheckVm[];
  readonly registeredVoters: number;
  readonly turnout: { readonly base: string; readonly expected: number; readonly present: number | null; readonly issued: number | null; readonly returned: number | null } | null;
  readonly elected: readonly {
    readonly postZh: string;
    readonly name: string;
    readonly sex: 'male' | 'female' | null;
    readonly age: number | null;
    readonly education: string | null;
    readonly votes: number;
  }[];
  readonly vacancies: number;
  readonly structure: {
    readonly total: number;
    readonly women: number;
    readonly men: number;
    readonly averageAge: number | null;
    readonly ageBands: Readonly<Record<string, number>>;
    readonly education: Readonly<Record<string, number>>;
  };
  readonly cross: { readonly both: number; readonly either: number; readonly percent: number | null; readonly oneShoulder: boolean };
  readonly notices: readonly { readonly number: number; readonly title: string; readonly issuedOn: string }[];
  /** After the round: recalls (罢免) and vacancies with their by-elections (补选); the section is left out when empty. */
  readonly afterRound?: {
    readonly recalls: readonly {
      readonly filedOn: string;
      readonly base: 'voters' | 'representatives';
      readonly petitioners: number;
      readonly baseCount: number;
      readonly postZh: string;
      readonly name: string;
      readonly reason: string;
      readonly status: 'petitioned' | 'recalled' | 'kept';
      readonly decidedOn: string | null;
      readonly returned: number | null;
      readonly votesFor: number | null;
      readonly votesAgainst: number | null;
    }[];
    readonly vacancies: readonly {
      readonly occurredOn: string;
      readonly postZh: string;
      readonly name: string;
      readonly reason: 'resignation' | 'death' | 'recall';
      readonly status: 'open' | 'by-election' | 'filled' | 'unfilled';
      readonly filledBy: string | null;
      readonly certificateNumber: number | null;
    }[];
  };
}

export type ViewModelOf<K extends DocumentKind> = K extends 'election-notice'
  ? ElectionNoticeVm
  : K extends 'voter-list'
    ? VoterListVm
    : K extends 'candidate-list'
      ? CandidateListVm
      : K extends 'ballot'
        ? BallotVm
        : K extends 'voter-cards'
          ? VoterCardsVm
          : K extends 'result-notice'
            ? ResultNoticeVm
            : K extends 'certificates'
              ? CertificatesVm
              : FilingReportVm;

export type AnyViewModel = { [K in DocumentKind]: { kind: K; vm: ViewModelOf<K> } }[DocumentKind];
