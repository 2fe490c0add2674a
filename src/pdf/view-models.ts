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

export type Method = 'congress' | 'direct' | 'household';
export type Post = 'director' | 'deputy' | 'member' | 'committee' | 'party';

export interface ElectionNoticeVm {
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
}

export interface VoterListEntry {
  readonly name: string;
  readonly sex: 'male' | 'female';
  /** Masked: `620102********123X`. */
  readonly idMasked: string;
}

export interface VoterListVm {
  readonly noticeNo: number;
  readonly publishedOn: string;
  readonly issuer: string;
  readonly communityName: string;
  readonly electionDay: string;
  /** Last day on which an objection may be filed (publication + objectionDays). */
  readonly objectionUntil: string;
  readonly objectionDays: number;
  readonly decisionDays: number;
  readonly total: number;
  readonly groups: readonly { readonly name: string; readonly voters: readonly VoterListEntry[] }[];
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
  readonly communityName: string;
  readonly issuer: string;
  readonly electionDay: string;
  /** One notice per published list (each has its own number and date). */
  readonly lists: readonly {
    readonly noticeNo: number;
    readonly publishedOn: string;
    readonly post: Post;
    readonly seats: number;
    readonly electionDay: string;
    readonly candidates: readonly CandidateEntry[];
  }[];
}

export interface BallotVm {
  readonly communityName: string;
  readonly roundName: string;
  readonly electionDay: string;
  readonly ballots: readonly {
    readonly post: Post;
    readonly stage: 'main' | 'runoff' | 'revote';
    readonly seats: number;
    /** In ballot order (CAN-ORDER: surname strokes). */
    readonly candidates: readonly { readonly name: string }[];
  }[];
}

export interface VoterCard {
  readonly serial: string;
  readonly name: string;
  readonly idMasked: string;
  readonly group: string | null;
}

export interface VoterCardsVm {
  readonly communityName: string;
  readonly roundName: string;
  readonly electionDay: string;
  readonly time: string | null;
  readonly place: string | null;
  readonly issuer: string;
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
}

export interface ResultNoticeVm {
  readonly noticeNo: number | null;
  readonly issuedOn: string;
  readonly issuer: string;
  readonly communityName: string;
  readonly electionDay: string;
  readonly method: Method;
  readonly base: 'representatives' | 'voters' | 'households' | 'party-members';
  readonly expected: number;
  readonly present: number;
  readonly contests: readonly ResultContestVm[];
  readonly elected: readonly { readonly post: Post; readonly names: readonly string[] }[];
  readonly vacancies: number;
}

export interface CertificateVm {
  readonly number: number;
  readonly name: string;
  readonly postZh: string;
  readonly issuedOn: string;
}

export interface CertificatesVm {
  readonly communityName: string;
  readonly roundName: string;
  readonly termYear: number;
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
  readonly status: 'pass' | 'fail' | 'warning' | 'n/a';
  readonly details: string;
  readonly justification: string | null;
}

export interface FilingReportVm {
  readonly communityName: string;
  readonly roundName: string;
  readonly method: Method;
  readonly electionDay: string;
  readonly filingStatus: 'draft' | 'submitted' | 'approved' | 'returned';
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
