/**
 * A whole round through the API, as the street, the committees, the scrutineers and the bureau would run it:
 * configure, register (CSV import with minors and cross-community duplicates), publish, nominate, publish lists
 * (one too late, refused), meet, count by double entry (a tie re-voted, a run-off), results, papers, filing
 * (returned once, then approved), certificates, handover (one overdue), reports, audit verification.
 * Used by `npm run demo` (8 communities, ~60,000 residents) and by the end-to-end test (small sizes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { checkCharOf } from '../src/domain/id-card.js';

export interface Clock {
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
}

export const clockNow = (clock: Clock) => (): Date => new Date(`${clock.today}T10:00:00+08:00`);

export interface ScenarioOptions {
  readonly communities: number;
  readonly residentsPerCommunity: number;
  /** Where papers and reports are written; none when omitted. */
  readonly outDir?: string;
  /** Which papers to fetch (every paper by default, the party, officer and run-off ballots included). */
  readonly papers?: readonly string[];
  readonly adminPassword: string;
  readonly log?: (line: string) => void;
  readonly progress?: (step: number, total: number, label: string) => void;
}

export interface ScenarioReport {
  readonly roundId: string;
  readonly communities: { id: string; name: string; imported: number; rejected: { row: number; code: string }[]; rejectedRows: number; elected: string[] }[];
  readonly lateListRefusal: { status: number; rule?: string; messageZh?: string };
  readonly tieCommunity?: string;
  readonly runoffCommunity?: string;
  readonly filings: { communityId: string; status: string; history: string[] }[];
  readonly certificates: number[];
  readonly overdueHandovers: number;
  readonly audit: { ok: boolean; entries: number };
  readonly papers: string[];
  /** Re-votes among the tied and run-offs that were held, by community. */
  readonly followUps: { communityId: string; kind: 'revote' | 'runoff'; candidates: string[] }[];
  /** The round's checks as the bureau reads them. */
  readonly checks: { communityId: string; name: string; checks: { rule: string; status: string }[] }[];
}

// ------------------------------------------------------------------------------------------------ people

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_MALE = '伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘';
const GIVEN_FEMALE = '秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝丽阳妮宝贝初程梵';

/** A small deterministic generator so the same options give the same people. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface Person {
  readonly idNumber: string;
  readonly name: string;
  readonly sex: 'male' | 'female';
  readonly birthDate: string;
}

/** A valid GB 11643 number for the birth date and sex; the check character comes from the domain. */
export function makeIdNumber(region: string, birthDate: string, sequence: number, sex: 'male' | 'female'): string {
  let seq = sequence % 1000;
  if ((seq % 2 === 1) !== (sex === 'male')) seq = (seq + 1) % 1000;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
}

export function makePeople(input: { count: number; seed: number; region: string; minors: number }): Person[] {
  const random = rng(input.seed);
  const pick = (chars: string) => chars[Math.floor(random() * chars.length)]!;
  const out: Person[] = [];
  for (let i = 0; i < input.count; i += 1) {
    const sex = random() < 0.5 ? 'male' : 'female';
    const minor = i >= input.count - input.minors;
    const year = minor ? 2009 + Math.floor(random() * 8) : 1940 + Math.floor(random() * 66);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const given = sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
    const name = pick(SURNAMES) + pick(given) + (random() < 0.6 ? pick(given) : '');
    out.push({ idNumber: makeIdNumber(input.region, birthDate, i * 2 + Math.floor(random() * 2), sex), name, sex, birthDate });
  }
  return out;
}

// ------------------------------------------------------------------------------------------------ API

class ApiError extends Error {}

function api(app: FastifyInstance) {
  return async function call<T = Record<string, unknown>>(
    method: InjectOptions['method'],
    url: string,
    input: { token?: string; body?: unknown; contentType?: string; expect?: number | number[] } = {},
  ): Promise<{ status: number; body: T; raw: Buffer }> {
    const headers: Record<string, string> = {};
    if (input.token) headers.authorization = `Bearer ${input.token}`;
    if (input.contentType) headers['content-type'] = input.contentType;
    const res = await app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(input.body !== undefined ? { payload: input.body as string } : {}),
    });
    const expected = input.expect === undefined ? [200, 201] : Array.isArray(input.expect) ? input.expect : [input.expect];
    if (!expected.includes(res.statusCode)) throw new ApiError(`${method} ${url} → ${res.statusCode}: ${res.body.slice(0, 600)}`);
    const isJson = (res.headers['content-type'] ?? '').toString().includes('json');
    return { status: res.statusCode, body: (isJson ? res.json() : {}) as T, raw: res.rawPayload };
  };
}

type Id = { id: string };

// ------------------------------------------------------------------------------------------------ votes

/** Splits a contest's ballots over the boxes and gives each candidate the share `fractions[i]` of the valid ballots. */
function sheetsFor(input: { ballots: number; boxes: readonly string[]; candidates: readonly { id: string }[]; fractions: readonly number[]; invalidEvery: number }) {
  const per = Math.floor(input.ballots / input.boxes.length);
  return input.boxes.map((box, b) => {
    const issued = b === input.boxes.length - 1 ? input.ballots - per * (input.boxes.length - 1) : per;
    const returned = issued;
    const invalid = Math.floor(returned / input.invalidEvery);
    const valid = returned - invalid;
    const votes: Record<string, number> = {};
    input.candidates.forEach((c, i) => {
      votes[c.id] = Math.floor(valid * (input.fractions[i] ?? 0));
    });
    return { box, issued, returned, invalid, votes };
  });
}

// ------------------------------------------------------------------------------------------------ the round

export async function runScenario(app: FastifyInstance, clock: Clock, options: ScenarioOptions): Promise<ScenarioReport> {
  const call = api(app);
  const log = options.log ?? (() => undefined);
  const TOTAL_STEPS = 10;
  let step = 0;
  const stepDone = (label: string) => {
    step += 1;
    options.progress?.(step, TOTAL_STEPS, label);
    log(`[${step}/${TOTAL_STEPS}] ${label}`);
  };
  const papers: string[] = [];
  const save = (dir: string, file: string, data: Buffer | string) => {
    if (!options.outDir) return;
    const folder = join(options.outDir, dir);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, file), data);
    papers.push(join(dir, file));
  };

  const password = 'Demo-Passw0rd!';
  const login = async (username: string, pw: string) =>
    (await call<{ token: string }>('POST', '/auth/login', { body: { username, password: pw } })).body.token;
  const admin = await login('admin', options.adminPassword);
  let userNo = 0;
  const userFor = async (role: string, scopeId: string, chief = false) => {
    userNo += 1;
    const username = `${role}${userNo}`;
    await call('POST', '/users', { token: admin, body: { username, password, role, scopeId, ...(chief ? { chief } : {}) } });
    return login(username, password);
  };

  // 1. The street configures the round (mobilisation phase).
  clock.today = '2026-11-20';
  const district = (await call<Id>('POST', '/districts', { token: admin, body: { name: '兰州市城关区', code: `cg${Date.now() % 100000}` } })).body;
  const street = (await call<Id>('POST', '/streets', { token: admin, body: { districtId: district.id, name: '张掖路街道', code: 'zyl' } })).body;
  const streetToken = await userFor('street', street.id);
  const bureauToken = await userFor('bureau', district.id);
  const round = (
    await call<Id>('POST', '/rounds', {
      token: streetToken,
      body: {
        name: '2026年张掖路街道社区两委换届选举',
        streetId: street.id,
        profile: 'lanzhou-2010',
        phases: [
          { name: '宣传发动', from: '2026-11-01', to: '2026-11-30' },
          { name: '选举实施', from: '2026-12-01', to: '2026-12-26' },
          { name: '总结验收', from: '2026-12-27', to: '2026-12-31' },
        ],
      },
    })
  ).body;
  const COMMUNITY_NAMES = ['张掖路', '金塔巷', '箭道巷', '永昌路', '木塔巷', '中山路', '大众巷', '曹家巷', '西湖', '秦安路'];
  const communities: { id: string; name: string; method: string; token: string; groups: Id[] }[] = [];
  for (let i = 0; i < options.communities; i += 1) {
    const name = `${COMMUNITY_NAMES[i % COMMUNITY_NAMES.length]}社区${i >= COMMUNITY_NAMES.length ? i : ''}`;
    const method = i === 1 ? 'congress' : 'direct';
    const c = (
      await call<Id>('POST', `/rounds/${round.id}/communities`, {
        token: streetToken,
        body: {
          name,
          code: `c${i + 1}`,
          households: Math.ceil(options.residentsPerCommunity / 2.6),
          method,
          electionDay: '2026-12-26',
          partyElectionDay: '2026-12-24',
          rcSeats: { director: 1, deputies: 2, members: 4 },
          party: { type: 'general', members: 40, seats: 5 },
          time: '上午9:00',
          place: `${name}居委会会议室`,
          pollingStations: ['第一投票站（社区活动中心）'],
          mobileBoxes: 1,
          issuer: `${name}居民选举委员会`,
          termNumber: 10,
          ...(method === 'congress' ? { representativeBasis: 'group' } : {}),
        },
      })
    ).body;
    const token = await userFor('committee', c.id);
    // The election notice (选举公告) takes the community's first notice number.
    await call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token, body: { issuedOn: clock.today } });
    communities.push({ id: c.id, name, method, token, groups: [] });
  }
  stepDone(`配置换届：${communities.length}个社区`);

  // 2. Registration (election phase): groups, CSV import with minors and a duplicate across communities.
  clock.today = '2026-12-01';
  const report: { id: string; name: string; imported: number; rejected: { row: number; code: string }[]; rejectedRows: number; elected: string[] }[] = [];
  const peopleOf: Person[][] = [];
  for (const [i, c] of communities.entries()) {
    for (let g = 1; g <= 16; g += 1) {
      c.groups.push((await call<Id>('POST', `/communities/${c.id}/groups`, { token: c.token, body: { name: `第${g}居民小组`, households: 40 + g } })).body);
    }
    const people = makePeople({ count: options.residentsPerCommunity, seed: 1000 + i, region: '620102', minors: Math.ceil(options.residentsPerCommunity * 0.18) });
    peopleOf.push(people);
    const rows = [...people];
    // A resident of the previous community also listed here: 不重登.
    if (i > 0) rows.splice(3, 0, peopleOf[i - 1]![5]!);
    const csv = ['身份证号码,姓名,户籍/居住,户号,住址,居民小组']
      .concat(rows.map((p, k) => `${p.idNumber},${p.name},${k % 7 === 0 ? '居住' : '户籍'},H${Math.floor(k / 3) + 1},${c.name}${(k % 40) + 1}号楼,第${(k % 16) + 1}居民小组`))
      .join('\r\n');
    const imported = await call<{ accepted: number; rejected: { row: number; code: string; message: string }[]; rejectedRows: number }>(
      'POST',
      `/communities/${c.id}/voters/import?mode=partial`,
      { token: c.token, body: `\uFEFF${csv}`, contentType: 'text/csv' },
    );
    report.push({ id: c.id, name: c.name, imported: imported.body.accepted, rejected: imported.body.rejected.map((r) => ({ row: r.row, code: r.code })), rejectedRows: imported.body.rejectedRows, elected: [] });
    const dup = imported.body.rejected.find((r) => r.code === 'VOT-NO-DUP');
    log(`  ${c.name}：导入${imported.body.accepted}人，拒绝${imported.body.rejectedRows}行${dup ? `（含重复登记：${dup.message}）` : ''}`);
  }
  stepDone('选民登记（批量导入）');

  // 3. Voter list published (≥ 20 days before), representatives for the congress community, party roster.
  clock.today = '2026-12-02';
  const voterIdsOf: string[][] = [];
  for (const c of communities) {
    await call('POST', `/communities/${c.id}/voter-list/publish`, { token: c.token, body: { publishedOn: '2026-12-02' } });
    const page = await call<{ items: { id: string; name: string }[]; total: number }>('GET', `/communities/${c.id}/voters?page=1&pageSize=100`, { token: c.token });
    voterIdsOf.push(page.body.items.map((v) => v.id));
    // 36 full members (among them the candidates from the 41st voter on) and 4 probationary members.
    for (let m = 0; m < 40; m += 1) {
      const voterId = m < 36 ? page.body.items[40 + m]?.id : undefined;
      const name = m < 36 ? (page.body.items[40 + m]?.name ?? `党员${m + 1}`) : `预备党员${m - 35}`;
      await call('POST', `/communities/${c.id}/party-members`, {
        token: c.token,
        body: { name, status: m < 36 ? 'full' : 'probationary', ...(voterId ? { voterId } : {}) },
      });
    }
  }
  const congress = communities.find((c) => c.method === 'congress');
  if (congress) {
    const ids = voterIdsOf[communities.indexOf(congress)]!;
    for (let r = 0; r < Math.min(40, ids.length); r += 1) {
      // 2 to 3 representatives per residents' group (REP-PER-GROUP): 3 in the first 8 groups, 2 in the other 8.
      const group = congress.groups[r < 24 ? Math.floor(r / 3) : 8 + Math.floor((r - 24) / 2)]!;
      await call('POST', `/communities/${congress.id}/representatives`, { token: congress.token, body: { voterId: ids[r], groupId: group.id } });
    }
  }
  stepDone('选民名单公告、居民代表、党员名册');

  // 4. Nominations (director, deputies with the police and graduate roles, members, party committee).
  clock.today = '2026-12-04';
  const CONTESTS = [
    { contest: 'director', count: 2 },
    { contest: 'deputy', count: 3, roles: [['police'], ['graduate'], []] },
    { contest: 'member', count: 5 },
    { contest: 'party', count: 6 },
  ] as const;
  /** Per community, the deputy candidate without a required role: the one the voters leave out (ORG-RC-DEPUTY-ROLES). */
  const plainDeputy: string[] = [];
  for (const [i, c] of communities.entries()) {
    const ids = voterIdsOf[i]!;
    let next = 40;
    for (const spec of CONTESTS) {
      for (let k = 0; k < spec.count; k += 1) {
        const roles = 'roles' in spec ? spec.roles[k] : undefined;
        // The party committee's candidates include the first director and member candidates (cross-appointment).
        const voterId = spec.contest === 'party' && k < 2 ? ids[40 + k * 5] : ids[next++ % ids.length];
        const nominated = await call<{ id: string }>('POST', `/communities/${c.id}/nominations`, {
          token: c.token,
          body: { contest: spec.contest, voterId, basis: 'committee', consent: true, education: 'high-school', ...(roles ? { roles } : {}) },
        });
        if (roles?.length === 0) plainDeputy[i] = nominated.body.id;
      }
      await call('POST', `/communities/${c.id}/candidates/preliminary-report`, { token: c.token, body: { contest: spec.contest, reportedOn: '2026-12-04' } });
    }
  }
  stepDone('候选人提名与预备人选上报');

  // 5. Official lists: one community tries to publish too late (4 days before) and is refused.
  clock.today = '2026-12-22';
  const late = await call<{ error: { rule?: string; messageZh?: string } }>('POST', `/communities/${communities[0]!.id}/candidates/publish`, {
    token: communities[0]!.token,
    body: { contest: 'member', publishedOn: '2026-12-22' },
    expect: 422,
  });
  log(`  迟发名单被拒：${late.body.error.rule} ${late.body.error.messageZh ?? ''}`);
  const lists: Record<string, { id: string; name: string }[]>[] = [];
  for (const c of communities) {
    const byContest: Record<string, { id: string; name: string }[]> = {};
    for (const spec of CONTESTS) {
      const published = await call<{ candidates: { id: string; name: string }[] }>('POST', `/communities/${c.id}/candidates/publish`, {
        token: c.token,
        body: { contest: spec.contest, publishedOn: '2026-12-18' },
      });
      byContest[spec.contest] = published.body.candidates;
    }
    lists.push(byContest);
  }
  stepDone('正式候选人名单公告（按姓氏笔画排序）');

  // 6-8. Meetings: party (24th), residents' committee (26th); double-entry tallies; a tie and a run-off.
  const tieIndex = communities.length > 2 ? 2 : undefined;
  const runoffIndex = communities.length > 3 ? 3 : communities.length > 1 ? 1 : undefined;
  const meetingsOf: { rc: string; party: string }[] = [];
  const followUps: ScenarioReport['followUps'] = [];
  const enterTwice = async (meetingId: string, typists: string[], sheet: Record<string, unknown>) => {
    await call('POST', `/meetings/${meetingId}/tally-sheets`, { token: typists[0], body: sheet });
    await call('POST', `/meetings/${meetingId}/tally-sheets`, { token: typists[1], body: sheet });
  };
  const resultOf = async (meetingId: string, token: string) =>
    (await call<{ contests: { contest: string; stage: string; contestId: string | null; complete: boolean; elected: { name: string }[]; revote?: { contestId: string | null; candidates: { id: string; name: string }[] }; runoff?: { contestId: string | null; candidates: { id: string; name: string }[] } }[] }>('GET', `/meetings/${meetingId}/result`, { token })).body;

  for (const [i, c] of communities.entries()) {
    // Party meeting on the 24th: full members only.
    clock.today = '2026-12-24';
    const party = (await call<Id & { expected: number }>('POST', `/communities/${c.id}/meetings`, { token: c.token, body: { kind: 'party', date: '2026-12-24', expected: 36 } })).body;
    await call('POST', `/meetings/${party.id}/attendance`, { token: c.token, body: { present: 33 } });
    const partyTypists = [await userFor('scrutineer', party.id), await userFor('scrutineer', party.id)];
    const partyCandidates = lists[i]!.party!;
    for (const sheet of sheetsFor({ ballots: 33, boxes: ['main'], candidates: partyCandidates, fractions: [0.9, 0.85, 0.8, 0.75, 0.7, 0.2], invalidEvery: 100 })) {
      await enterTwice(party.id, partyTypists, { contest: 'party', ...sheet });
    }
    const partyResult = await resultOf(party.id, c.token);
    const committee = partyResult.contests.find((x) => x.contest === 'party' && x.stage === 'main')!;
    const electedIds = partyCandidates.filter((pc) => committee.elected.some((e) => e.name === pc.name)).map((pc) => pc.id);
    const officers = await call<{ contests: { contestId: string; contest: string; candidates: { id: string }[] }[] }>('POST', `/meetings/${party.id}/officers`, {
      token: c.token,
      body: { secretary: [electedIds[0]], deputySecretaries: [electedIds[1]], reviewedOn: clock.today, justifications: [{ rule: 'CAN-AGE-EDU', text: '经街道党工委研究同意' }] },
    });
    for (const o of officers.body.contests) {
      const votes = Object.fromEntries(o.candidates.map((x) => [x.id, electedIds.length]));
      await enterTwice(party.id, partyTypists, { contest: o.contest, contestId: o.contestId, box: 'main', issued: electedIds.length, returned: electedIds.length, invalid: 0, votes });
    }
    await call('POST', `/communities/${c.id}/documents/party-result-notice/issue`, { token: c.token, body: { issuedOn: clock.today } });

    // Residents' committee on the 26th.
    clock.today = '2026-12-26';
    const registered = (await call<{ total: number }>('GET', `/communities/${c.id}/voters?page=1&pageSize=1`, { token: c.token })).body.total;
    const boxes = [
      { name: 'main', kind: 'main', monitors: ['监票一', '监票二', '监票三'] },
      { name: '第一投票站', kind: 'station', monitors: ['站监一', '站监二', '站监三'] },
      { name: '流动票箱1', kind: 'mobile', monitors: ['流监一', '流监二', '流监三'] },
    ];
    const rc = (
      await call<Id>('POST', `/communities/${c.id}/meetings`, {
        token: c.token,
        body: { kind: 'rc', date: '2026-12-26', ...(c.method === 'congress' ? {} : { expected: registered }), boxes },
      })
    ).body;
    const meeting = (await call<{ expected: number }>('GET', `/meetings/${rc.id}`, { token: c.token })).body;
    const present = Math.floor(meeting.expected * 0.86);
    await call('POST', `/meetings/${rc.id}/attendance`, { token: c.token, body: { present } });
    const typists = [await userFor('scrutineer', rc.id), await userFor('scrutineer', rc.id)];
    meetingsOf.push({ rc: rc.id, party: party.id });
    const boxNames = boxes.map((b) => b.name);
    const memberFractions = i === tieIndex ? [0.8, 0.75, 0.7, 0.6, 0.6] : i === runoffIndex ? [0.8, 0.7, 0.45, 0.4, 0.3] : [0.8, 0.75, 0.7, 0.65, 0.3];
    const plan: [string, number[]][] = [
      ['director', [0.7, 0.28]],
      // The police officer and the graduate are elected deputies (the list is in stroke order, not nomination order).
      ['deputy', lists[i]!.deputy!.map((x, k) => (x.id === plainDeputy[i] ? 0.3 : [0.75, 0.6, 0.6][k]!))],
      ['member', memberFractions],
    ];
    for (const [contest, fractions] of plan) {
      for (const sheet of sheetsFor({ ballots: present, boxes: boxNames, candidates: lists[i]![contest]!, fractions, invalidEvery: 50 })) {
        await enterTwice(rc.id, typists, { contest, ...sheet });
      }
    }
    // Follow-up votes: a re-vote among the tied, a run-off (另行选举) for unfilled seats.
    for (let round2 = 0; round2 < 3; round2 += 1) {
      const result = await resultOf(rc.id, c.token);
      const pending = result.contests.flatMap((x) => [x.revote, x.runoff]).filter((f): f is NonNullable<typeof f> => !!f?.contestId);
      const open = pending.filter((f) => !result.contests.some((x) => x.contestId === f.contestId && x.complete));
      if (open.length === 0) break;
      for (const f of open) {
        const kind = result.contests.find((x) => x.revote === f) ? 'revote' : 'runoff';
        followUps.push({ communityId: c.id, kind, candidates: f.candidates.map((x) => x.name) });
        log(`  ${c.name}：${kind === 'revote' ? '得票相同，对同票者重新投票' : '当选人数不足，另行选举'}（${f.candidates.map((x) => x.name).join('、')}）`);
        const raw = f.candidates.map((_, k) => Math.max(0.05, 0.9 - k * 0.3));
        const seats = (f as { seats?: number }).seats ?? 1;
        const scale = Math.min(1, (0.98 * seats) / raw.reduce((a, b) => a + b, 0));
        const fractions = raw.map((x) => x * scale);
        const contestName = result.contests.find((x) => x.revote === f || x.runoff === f)!.contest;
        for (const sheet of sheetsFor({ ballots: present, boxes: boxNames, candidates: f.candidates, fractions, invalidEvery: 50 })) {
          await enterTwice(rc.id, typists, { contest: contestName, contestId: f.contestId, ...sheet });
        }
      }
    }
    const final = await resultOf(rc.id, c.token);
    await call('POST', `/communities/${c.id}/documents/result-notice/issue`, { token: c.token, body: { issuedOn: clock.today } });
    report[i]!.elected = final.contests.flatMap((x) => (x.complete ? x.elected.map((e) => `${x.contest}:${e.name}`) : []));
  }
  stepDone('党组织与居委会选举大会、双人录入计票、同票重选、另行选举');

  // 9. Papers.
  const kinds = options.papers ?? [
    'election-notice',
    'voter-list',
    'candidate-list',
    'ballot',
    'voter-cards',
    'result-notice',
    'party-candidate-list',
    'party-ballot',
    'officer-ballot',
    'runoff-ballot',
    'party-result-notice',
  ];
  for (const c of communities) {
    for (const kind of kinds) {
      const res = await call('GET', `/communities/${c.id}/documents/${kind}.pdf`, { token: c.token, expect: [200, 409] });
      if (res.status === 200) save(c.name, `${kind}.pdf`, res.raw);
      else log(`  ${c.name} ${kind}：${JSON.stringify(res.body)}`);
    }
  }
  stepDone('生成公告、选票（含党组织、书记副书记、另行选举与重新投票）、选民证、结果公告（含党组织选举结果公告）');

  // 10. Filing: the bureau returns the first one with a reason, the committee resubmits, the bureau records it (备案).
  clock.today = '2026-12-27';
  const filings: { communityId: string; status: string; history: string[] }[] = [];
  for (const [i, c] of communities.entries()) {
    const filed = await call<Id & { status: string }>('POST', `/communities/${c.id}/filing`, { token: c.token, body: { kind: 'rc' } });
    if (i === 0) {
      await call('POST', `/filings/${filed.body.id}/review`, { token: bureauToken, body: { decision: 'return', reason: '请补充流动票箱监票人签字的计票单扫描件' } });
      await call('POST', `/communities/${c.id}/filing`, { token: c.token, body: { kind: 'rc' } });
    }
    const recorded = await call<{ status: string; history: { action: string }[] }>('POST', `/filings/${filed.body.id}/review`, {
      token: bureauToken,
      body: { decision: 'record' },
    });
    filings.push({ communityId: c.id, status: recorded.body.status, history: recorded.body.history.map((h) => h.action) });
  }
  stepDone('备案：区民政局退回一次后予以备案');

  // 11. Certificates, handover (one community late), papers after the filing.
  const certificateNumbers: number[] = [];
  for (const c of communities) {
    const issued = await call<{ certificates: { number: number }[] }>('POST', `/communities/${c.id}/certificates`, { token: streetToken, body: {} });
    certificateNumbers.push(...issued.body.certificates.map((x) => x.number));
    for (const kind of ['certificates', 'filing-report']) {
      if (!(options.papers ?? [kind]).includes(kind)) continue;
      const res = await call('GET', `/communities/${c.id}/documents/${kind}.pdf`, { token: c.token, expect: [200, 409] });
      if (res.status === 200) save(c.name, `${kind}.pdf`, res.raw);
    }
  }
  clock.today = '2026-12-28';
  for (const c of communities.slice(0, -1)) {
    await call('POST', `/communities/${c.id}/handover`, { token: c.token, body: { completedOn: '2026-12-28', supervisor: '街道纪工委 李监督' } });
  }
  clock.today = '2026-12-31';
  const dashboard = await call<{ overdueHandovers: number }>('GET', `/rounds/${round.id}/dashboard`, { token: streetToken });
  stepDone(`当选证书、交接（逾期${dashboard.body.overdueHandovers}个）`);

  // 12. Reports and the audit chain.
  const roundReport = await call('GET', `/rounds/${round.id}/report`, { token: streetToken });
  save('', 'round-report.json', JSON.stringify(roundReport.body, null, 2));
  const xlsx = await call('GET', `/rounds/${round.id}/report.xlsx`, { token: bureauToken });
  save('', 'round-report.xlsx', xlsx.raw);
  const checks = await call<ScenarioReport['checks']>('GET', `/rounds/${round.id}/checks`, { token: bureauToken });
  save('', 'round-checks.json', JSON.stringify(checks.body, null, 2));
  const audit = await call<{ ok: boolean; entries: number }>('GET', '/audit/verify', { token: bureauToken });
  stepDone(`工作报告与审计链校验（${audit.body.ok ? '完整' : '异常'}，${audit.body.entries}条）`);

  return {
    roundId: round.id,
    communities: report,
    lateListRefusal: { status: late.status, ...(late.body.error.rule ? { rule: late.body.error.rule } : {}), ...(late.body.error.messageZh ? { messageZh: late.body.error.messageZh } : {}) },
    ...(tieIndex !== undefined ? { tieCommunity: communities[tieIndex]!.id } : {}),
    ...(runoffIndex !== undefined ? { runoffCommunity: communities[runoffIndex]!.id } : {}),
    filings,
    certificates: certificateNumbers,
    overdueHandovers: dashboard.body.overdueHandovers,
    audit: audit.body,
    papers,
    followUps,
    checks: checks.body,
  };
}
