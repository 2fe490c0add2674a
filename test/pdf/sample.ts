/** Typed view models of a seeded election for the PDF tests (pure: no database). */
import type {
  BallotVm,
  CandidateListVm,
  CertificatesVm,
  ElectionNoticeVm,
  FilingReportVm,
  ResultNoticeVm,
  VoterCard,
  VoterCardsVm,
  VoterListVm,
} from '../../src/pdf/view-models.js';

export const COMMUNITY = '张掖路社区';
export const ORG = { district: '兰州市城关区', street: '张掖路街道', community: COMMUNITY, roundName: '2026年社区两委换届选举' } as const;

export function electionNotice(overrides: Partial<ElectionNoticeVm> = {}): ElectionNoticeVm {
  return {
    org: ORG,
    noticeNo: 1,
    issuedOn: '2026-11-20',
    issuer: '张掖路社区居民选举委员会',
    communityName: COMMUNITY,
    roundName: '2026年社区两委换届选举',
    method: 'direct',
    seats: [
      { post: 'director', count: 1 },
      { post: 'deputy', count: 2 },
      { post: 'member', count: 4 },
    ],
    electionDay: '2026-12-26',
    time: '上午8:00至下午5:00',
    place: '张掖路社区居民委员会二楼会议室',
    pollingStations: ['第一居民小组活动室', '金城花园物业服务中心'],
    mobileBoxes: 2,
    voterListNoticeDays: 20,
    surplus: 'open',
    equalElectionAllowed: true,
    proxyMax: 3,
    monitorsPerBox: 3,
    representatives: 0,
    quorumZh: '二分之一',
    ...overrides,
  };
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '建国秀英志强丽华明军小红海燕玉兰桂芳伟德文静子涵思远佳怡浩然梓萱晓东春梅国庆淑珍';

export function personName(i: number): string {
  const s = SURNAMES.charAt(i % SURNAMES.length);
  const g1 = GIVEN.charAt((i * 7) % GIVEN.length);
  const g2 = GIVEN.charAt((i * 13 + 3) % GIVEN.length);
  return i % 3 === 0 ? `${s}${g1}` : `${s}${g1}${g2}`;
}

export function maskedId(i: number): string {
  return `620102********${String(1000 + (i % 9000)).slice(0, 3)}${i % 10 === 0 ? 'X' : String(i % 10)}`;
}

export function voterList(overrides: Partial<VoterListVm> = {}): VoterListVm {
  let number = 0;
  const groups = (['第一居民小组', '第二居民小组', '第三居民小组', null] as const).map((name, g) => ({
    name,
    voters: Array.from({ length: name === null ? 3 : 45 + g * 10 }, (_, i) => ({
      number: (number += 1),
      name: personName(g * 100 + i),
      sex: (i % 2 === 0 ? 'male' : 'female') as 'male' | 'female',
      idMasked: maskedId(g * 100 + i),
    })),
  }));
  return {
    org: ORG,
    noticeNo: 2,
    publishedOn: '2026-12-01',
    issuer: '张掖路社区居民选举委员会',
    communityName: COMMUNITY,
    electionDay: '2026-12-26',
    objectionUntil: '2026-12-06',
    objectionDays: 5,
    decisionDays: 3,
    total: groups.reduce((n, g) => n + g.voters.length, 0),
    groups,
    ...overrides,
  };
}

export function candidateList(): CandidateListVm {
  const rc = { issuer: '张掖路社区居民选举委员会' };
  return {
    org: ORG,
    communityName: COMMUNITY,
    issuer: '张掖路社区居民选举委员会',
    electionDay: '2026-12-26',
    ordering: 'surname-strokes',
    nominationMin: { voters: 10, households: 5 },
    lists: [
      {
        noticeNo: 3,
        publishedOn: '2026-12-20',
        post: 'director',
        electing: '张掖路社区居民委员会主任',
        ...rc,
        seats: 1,
        electionDay: '2026-12-26',
        candidates: [
          { order: 1, name: '丁一', sex: 'male', age: 45, education: 'bachelor', basis: 'committee' },
          { order: 2, name: '王二', sex: 'female', age: 38, education: 'college', basis: 'voters' },
        ],
      },
      {
        noticeNo: 4,
        publishedOn: '2026-12-20',
        post: 'member',
        electing: '张掖路社区居民委员会委员',
        ...rc,
        seats: 4,
        electionDay: '2026-12-26',
        candidates: [
          { order: 1, name: '马小红', sex: 'female', age: 33, education: 'high-school', basis: 'group' },
          { order: 2, name: '刘三', sex: 'male', age: 51, education: 'junior-high', basis: 'households' },
          { order: 3, name: '李四', sex: 'male', age: 29, education: 'master', basis: 'self' },
          { order: 4, name: '张伟', sex: 'male', age: 47, education: 'bachelor', basis: 'voters' },
          { order: 5, name: '欧阳秀英', sex: 'female', age: 40, education: 'college', basis: 'committee' },
        ],
      },
    ],
  };
}

/** The party committee's candidate list, published by the party organisation. */
export function partyCandidateList(): CandidateListVm {
  return {
    ...candidateList(),
    lists: [
      {
        noticeNo: 5,
        publishedOn: '2026-12-18',
        post: 'party',
        electing: '中共张掖路社区总支部委员会委员',
        issuer: '中共张掖路社区总支部委员会',
        seats: 5,
        electionDay: '2026-12-24',
        candidates: ['丁一', '马小红', '王建国', '李秀英', '张志强', '赵丽华'].map((name, i) => ({
          order: i + 1,
          name,
          sex: (i % 2 === 0 ? 'male' : 'female') as 'male' | 'female',
          age: 40 + i,
          education: 'bachelor',
          basis: (i < 5 ? 'committee' : 'voters') as 'committee' | 'voters',
        })),
      },
    ],
  };
}

const RC_BALLOT = { sealOf: '张掖路社区居民选举委员会', day: '2026-12-26' } as const;
const PARTY_BALLOT = { sealOf: '中共张掖路社区总支部委员会', day: '2026-12-24' } as const;

/** A ballot of `post` for the sample community (the residents' committee's or the party's). */
export function ballotOf(post: BallotVm['ballots'][number]['post'], candidates: readonly { name: string }[], seats: number, stage: 'main' | 'runoff' | 'revote' = 'main') {
  const party = post === 'party' || post === 'secretary' || post === 'deputy-secretary';
  const postZh = { director: '居民委员会主任', deputy: '居民委员会副主任', member: '居民委员会委员', committee: '居民委员会成员', party: '委员', secretary: '书记', 'deputy-secretary': '副书记' }[post];
  return { post, stage, seats, candidates, electing: party ? `中共张掖路社区总支部委员会${postZh}` : `${COMMUNITY}${postZh}`, ...(party ? PARTY_BALLOT : RC_BALLOT) };
}

export function ballot(): BallotVm {
  return {
    org: ORG,
    communityName: COMMUNITY,
    roundName: '2026年社区两委换届选举',
    electionDay: '2026-12-26',
    ballots: [
      ballotOf('director', [{ name: '丁一' }, { name: '王二' }], 1),
      ballotOf('member', [{ name: '马小红' }, { name: '刘三' }, { name: '李四' }, { name: '张伟' }, { name: '欧阳秀英' }], 4),
      ballotOf('deputy', [{ name: '王二' }, { name: '赵五' }], 1, 'runoff'),
    ],
  };
}

/** The party's papers: the committee ballot, the officers' ballots (等额), a party run-off. */
export function partyBallots(): BallotVm {
  return {
    ...ballot(),
    ballots: [
      ballotOf('party', ['丁一', '马小红', '王建国', '李秀英', '张志强', '赵丽华'].map((name) => ({ name })), 5),
      ballotOf('secretary', [{ name: '丁一' }], 1),
      ballotOf('deputy-secretary', [{ name: '马小红' }], 1),
      ballotOf('party', [{ name: '张志强' }, { name: '赵丽华' }], 1, 'runoff'),
    ],
  };
}

export function* cards(n: number): Generator<VoterCard> {
  for (let i = 0; i < n; i += 1) {
    yield { number: i + 1, name: personName(i), idMasked: maskedId(i), group: i % 5 === 4 ? null : `第${'一二三四'.charAt(i % 4)}居民小组`, qr: `VC1-${String(i).padStart(52, '0')}` };
  }
}

export function voterCards(n: number, perPage: 1 | 8 = 8): VoterCardsVm {
  return {
    org: ORG,
    communityName: COMMUNITY,
    roundName: '2026年社区两委换届选举',
    electionDay: '2026-12-26',
    time: '上午8:00',
    place: '张掖路社区居民委员会二楼会议室',
    pollingStations: ['第一居民小组活动室', '金城花园物业服务中心'],
    issuer: '张掖路社区居民选举委员会',
    total: n,
    perPage,
    cards: cards(n),
  };
}

const MAJORITY = { kind: 'majority', shareZh: '二分之一', of: 150 } as const;
const RUNOFF = { kind: 'runoff-share', shareZh: '三分之一', of: 150 } as const;

export function resultNotice(): ResultNoticeVm {
  return {
    org: ORG,
    noticeNo: 5,
    issuedOn: '2026-12-26',
    issuer: '张掖路社区居民选举委员会',
    communityName: COMMUNITY,
    electionDay: '2026-12-26',
    method: 'direct',
    base: 'voters',
    expected: 200,
    present: 150,
    quorum: { num: 1, den: 2 },
    contests: [
      {
        post: 'director',
        stage: 'main',
        seats: 1,
        issued: 150,
        returned: 150,
        valid: 145,
        invalid: 5,
        ballotsValid: true,
        votes: [
          { name: '丁一', votes: 90, writeIn: false, elected: true },
          { name: '王二', votes: 40, writeIn: false, elected: false },
          { name: '吴九', votes: 15, writeIn: true, elected: false },
        ],
        vacancies: 0,
        revote: null,
        runoff: null,
        threshold: MAJORITY,
      },
      {
        post: 'member',
        stage: 'main',
        seats: 4,
        issued: 150,
        returned: 151,
        valid: 151,
        invalid: 0,
        ballotsValid: false,
        votes: [],
        vacancies: 4,
        revote: null,
        runoff: null,
        threshold: null,
      },
      {
        post: 'member',
        stage: 'revote',
        seats: 4,
        issued: 150,
        returned: 150,
        valid: 148,
        invalid: 2,
        ballotsValid: true,
        votes: [
          { name: '马小红', votes: 120, writeIn: false, elected: true },
          { name: '刘三', votes: 110, writeIn: false, elected: true },
          { name: '李四', votes: 100, writeIn: false, elected: true },
          { name: '张伟', votes: 60, writeIn: false, elected: false },
          { name: '欧阳秀英', votes: 58, writeIn: false, elected: false },
        ],
        vacancies: 1,
        revote: null,
        runoff: { seats: 1, candidates: ['张伟', '欧阳秀英'] },
        threshold: MAJORITY,
      },
      {
        post: 'member',
        stage: 'runoff',
        seats: 1,
        issued: 150,
        returned: 150,
        valid: 150,
        invalid: 0,
        ballotsValid: true,
        votes: [
          { name: '张伟', votes: 80, writeIn: false, elected: true },
          { name: '欧阳秀英', votes: 70, writeIn: false, elected: false },
        ],
        vacancies: 0,
        revote: null,
        runoff: null,
        threshold: RUNOFF,
      },
    ],
    elected: [
      { post: 'director', people: [{ name: '丁一', threshold: MAJORITY, stage: 'main' }] },
      {
        post: 'member',
        people: [
          ...['马小红', '刘三', '李四'].map((name) => ({ name, threshold: MAJORITY, stage: 'revote' as const })),
          { name: '张伟', threshold: RUNOFF, stage: 'runoff' },
        ],
      },
    ],
    vacancies: 2,
  };
}

/** The party committee's result notice (党组织选举结果公告): 25 members expected, 21 present (more than 4/5). */
export function partyResultNotice(): ResultNoticeVm {
  const th = { kind: 'party-majority', shareZh: '二分之一', of: 21 } as const;
  const names = ['丁一', '王二', '刘三', '李四', '赵五'];
  return {
    ...resultNotice(),
    issuer: '中共张掖路社区支部委员会',
    electionDay: '2026-12-24',
    issuedOn: '2026-12-24',
    base: 'party-members',
    expected: 25,
    present: 21,
    quorum: { num: 4, den: 5 },
    contests: [
      {
        post: 'party',
        stage: 'main',
        seats: 5,
        issued: 21,
        returned: 21,
        valid: 21,
        invalid: 0,
        ballotsValid: true,
        votes: [...names.map((name, i) => ({ name, votes: 20 - i, writeIn: false, elected: true })), { name: '钱六', votes: 4, writeIn: false, elected: false }],
        vacancies: 0,
        revote: null,
        runoff: null,
        threshold: th,
      },
    ],
    elected: [{ post: 'party', people: names.map((name) => ({ name, threshold: th, stage: 'main' as const })) }],
    vacancies: 0,
    party: {
      orgName: '中共张掖路社区支部委员会',
      assembly: 'general-meeting',
      quorumZh: '五分之四',
      officers: [
        { post: 'secretary', names: ['丁一'] },
        { post: 'deputy-secretary', names: ['王二'] },
      ],
    },
  };
}

export function certificates(): CertificatesVm {
  return {
    org: ORG,
    communityName: COMMUNITY,
    roundName: '2026年社区两委换届选举',
    termYear: 2026,
    termNumber: 11,
    termFrom: '2026-12-26',
    termTo: '2029-12-26',
    issuedBy: '张掖路街道办事处',
    onBehalfOf: '兰州市城关区人民政府',
    certificates: [
      { number: 1, name: '丁一', postZh: '居民委员会主任', issuedOn: '2026-12-29' },
      { number: 2, name: '马小红', postZh: '居民委员会委员', issuedOn: '2026-12-29' },
    ],
  };
}

export function filingReport(): FilingReportVm {
  return {
    org: ORG,
    communityName: COMMUNITY,
    roundName: '2026年社区两委换届选举',
    method: 'direct',
    electionDay: '2026-12-26',
    filingStatus: 'submitted',
    submittedOn: '2026-12-28',
    reportDate: '2026-12-28',
    checks: [
      { rule: 'ORG-RC-SIZE', titleZh: '居委会职数', severity: 'hard', status: 'pass', details: '', justification: null },
      { rule: 'VOT-LIST-PUBLISH', titleZh: '选民名单公布', severity: 'hard', status: 'fail', details: '选民名单应于选举日20日前公布，实际提前18日', justification: null },
      { rule: 'REP-COUNT', titleZh: '居民代表人数', severity: 'soft', status: 'warning', details: '居民代表38人，少于40人', justification: '本社区户数较少，经街道同意' },
      { rule: 'ORG-CROSS', titleZh: '交叉任职率', severity: 'figure', status: 'pass', details: '交叉任职人数：3；两委成员总数：9；交叉任职率(%)：33.3', justification: null },
      { rule: 'MTH-DIRECT-SHARE', titleZh: '直选比例', severity: 'hard', status: 'n/a', details: '本届规则配置未采用此项', justification: null },
      { rule: 'VOT-COMPLETE', titleZh: '不漏登', severity: 'soft', status: 'unchecked', details: '尚未录入居民名册，无法核对漏登情况', justification: null },
    ],
    registeredVoters: 200,
    turnout: { base: 'voters', expected: 200, present: 150, issued: 150, returned: 150 },
    elected: [
      { postZh: '居民委员会主任', name: '丁一', sex: 'male', age: 45, education: 'bachelor', votes: 90 },
      { postZh: '居民委员会委员', name: '马小红', sex: 'female', age: 33, education: 'high-school', votes: 120 },
    ],
    vacancies: 2,
    structure: { total: 2, women: 1, men: 1, averageAge: 39, ageBands: { under35: 1, '35to44': 0, '45to54': 1, '55plus': 0 }, education: { bachelor: 1, 'high-school': 1 } },
    cross: { both: 3, either: 9, percent: 33.3, oneShoulder: true },
    notices: [
      { number: 1, title: '居民委员会换届选举公告', issuedOn: '2026-11-20' },
      { number: 2, title: '选民名单公告', issuedOn: '2026-12-01' },
      { number: 3, title: '居民委员会主任正式候选人名单', issuedOn: '2026-12-20' },
    ],
  };
}
