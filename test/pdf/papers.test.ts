import { describe, expect, it } from 'vitest';
import { orderCandidates } from '../../src/domain/ordering.js';
import { strokeCount, surnameOf } from '../../src/domain/ordering.js';
import { fontReads } from '../../src/pdf/fonts.js';
import { renderBuffer, renderDocument } from '../../src/pdf/render.js';
import type { AnyViewModel } from '../../src/pdf/view-models.js';
import * as sample from './sample.js';
import { WHOLE_ID, pageCount, render } from './support.js';

describe('election notice (选举公告)', () => {
  it('states community, round, method, seats per post, day, time, place, stations, mobile boxes, number, issuer and date', async () => {
    const { flat } = await render({ kind: 'election-notice', vm: sample.electionNotice({ noticeNo: 3 }) });
    for (const s of [
      '张掖路社区居民委员会换届选举公告',
      '第3号',
      '2026年社区两委换届选举',
      '由本社区登记选民直接选举产生居民委员会',
      '主任1名、副主任2名、委员4名，共7名',
      '2026年12月26日（星期六）上午8:00至下午5:00',
      '张掖路社区居民委员会二楼会议室',
      '设投票站2个，分别设在第一居民小组活动室、金城花园物业服务中心',
      '设流动票箱2个',
      '张掖路社区居民选举委员会',
      '2026年11月20日',
    ]) expect(flat).toContain(s);
  });

  it('says 设在 and 由 for a single station or mobile box, not 分别设在 or 每个', async () => {
    const { flat } = await render({ kind: 'election-notice', vm: sample.electionNotice({ pollingStations: ['第一投票站（社区活动中心）'], mobileBoxes: 1, monitorsPerBox: 3 }) });
    expect(flat).toContain('设投票站1个，设在第一投票站（社区活动中心），由3名以上监票人员负责');
    expect(flat).toContain('设流动票箱1个，供年老体弱、行动不便的选民投票，由3名以上监票人员负责');
    expect(flat).not.toContain('分别设在');
    expect(flat).not.toContain('每个');
    const congress = (await render({ kind: 'election-notice', vm: sample.electionNotice({ method: 'congress', representatives: 45, mobileBoxes: 1, pollingStations: [] }) })).flat;
    expect(congress).toContain('供因行动不便不能到会的居民代表投票，由');
    expect(congress).not.toContain('每个');
  });

  it('says so when there are no stations or mobile boxes', async () => {
    const { flat } = await render({ kind: 'election-notice', vm: sample.electionNotice({ pollingStations: [], mobileBoxes: 0 }) });
    expect(flat).toContain('不另设投票站');
    expect(flat).toContain('不设流动票箱');
  });

  it('follows the profile: proxies from proxyMax, monitors per box, 差额 only as the lists or the profile say', async () => {
    const two = (await render({ kind: 'election-notice', vm: sample.electionNotice({ proxyMax: 2, monitorsPerBox: 5, surplus: 'competitive' }) })).flat;
    expect(two).toContain('每一选民接受委托不得超过2人');
    expect(two).toContain('每个投票站由5名以上监票人员负责');
    expect(two).toContain('每个流动票箱由5名以上监票人员负责');
    expect(two).toContain('实行差额选举');
    expect(two).not.toContain('不得超过3人');
    const equal = (await render({ kind: 'election-notice', vm: sample.electionNotice({ surplus: 'equal' }) })).flat;
    expect(equal).toContain('实行等额选举');
    expect(equal).not.toContain('实行差额选举');
    const strict = (await render({ kind: 'election-notice', vm: sample.electionNotice({ equalElectionAllowed: false }) })).flat;
    expect(strict).not.toContain('等额');
    const none = (await render({ kind: 'election-notice', vm: sample.electionNotice({ proxyMax: 0 }) })).flat;
    expect(none).toContain('不实行委托投票');
  });

  it('has a congress-of-representatives paragraph for the congress method, and no voters’ proxies or cards', async () => {
    const { flat } = await render({ kind: 'election-notice', vm: sample.electionNotice({ method: 'congress', representatives: 45, quorumZh: '二分之一' }) });
    expect(flat).toContain('由居民代表会议选举产生居民委员会');
    expect(flat).toContain('本社区居民代表45名，于选举日出席居民代表会议');
    expect(flat).toContain('超过全体居民代表的二分之一，选举有效');
    expect(flat).toContain('居民代表应亲自投票，不得委托他人');
    expect(flat).not.toContain('委托本社区其他选民');
    expect(flat).not.toContain('凭选民证领取选票');
  });
});

describe('voter list (选民名单公告)', () => {
  it('lists voters by group with masked numbers, the publication date and the objection window', async () => {
    const vm = sample.voterList();
    const { flat, pdf } = await render({ kind: 'voter-list', vm });
    expect(flat).toContain('张掖路社区选民名单公告');
    expect(flat).toContain('第2号');
    expect(flat).toContain('公布日期：2026年12月1日');
    expect(flat).toContain('可自公布之日起5日内，即2026年12月6日前');
    expect(flat).toContain('3日内作出处理决定');
    for (const g of vm.groups) {
      expect(flat).toContain(`${g.name ?? '未划分居民小组'}（${g.voters.length}人）`);
      for (const v of g.voters) {
        expect(flat).toContain(v.name);
        expect(flat).toContain(v.idMasked);
      }
    }
    // Group order: every voter of the first group comes before the second group's heading; no group last.
    expect(flat.indexOf(vm.groups[0]!.voters.at(-1)!.idMasked)).toBeLessThan(flat.indexOf('第二居民小组（'));
    expect(flat.indexOf('未划分居民小组（3人）')).toBeGreaterThan(flat.indexOf('第三居民小组（'));
    expect(pageCount(pdf)).toBeGreaterThan(1);
  });

  it('prints each voter’s own number (the one the voter card carries)', async () => {
    const vm = sample.voterList();
    const last = vm.groups.at(-1)!.voters.at(-1)!;
    const { flat } = await render({ kind: 'voter-list', vm });
    expect(flat).toContain(`${last.number}${last.name}`);
  });
});

describe('candidate list (正式候选人名单公告)', () => {
  it('prints each post in ballot order with sex, age, education and basis, the publication date and election day', async () => {
    const { flat } = await render({ kind: 'candidate-list', vm: sample.candidateList() });
    expect(flat).toContain('张掖路社区居民委员会主任正式候选人名单公告');
    expect(flat).toContain('张掖路社区居民委员会委员正式候选人名单公告');
    expect(flat).toContain('第3号');
    expect(flat).toContain('第4号');
    expect(flat).toContain('1丁一男45岁本科居民选举委员会提名');
    expect(flat).toContain('2王二女38岁大专10名以上选民联名提名');
    expect(flat).toContain('5欧阳秀英女40岁大专居民选举委员会提名');
    expect(flat).toContain('本名单于2026年12月20日公布，选举日为2026年12月26日，公布日距选举日6日');
    expect(flat.indexOf('马小红')).toBeLessThan(flat.indexOf('刘三'));
  });
});

describe('ballot (选票)', () => {
  it('has title, 应选N名, instructions, candidates with boxes and N write-in lines, and a run-off ballot', async () => {
    const { flat, pdf } = await render({ kind: 'ballot', vm: sample.ballot() });
    expect(pageCount(pdf)).toBe(3);
    expect(flat).toContain('张掖路社区居民委员会主任选举选票');
    expect(flat).toContain('应选1名');
    expect(flat).toContain('应选4名');
    expect(flat).toContain('赞成的在其姓名右侧的方格内画“○”，不赞成的画“×”，弃权的不画任何符号');
    expect(flat).toContain('另选他人的，在“另选他人”栏内写上其姓名');
    expect(flat).toContain('不得多于应选4名；多于4名的，本选票无效');
    expect(flat).toContain('张掖路社区居民委员会副主任选举选票（另行选举）');
    // Four write-in lines on the members' ballot: rows 1..4 under 另选他人.
    const members = flat.slice(flat.indexOf('委员选举选票'), flat.indexOf('副主任选举选票'));
    expect(members.slice(members.indexOf('另选他人（填写姓名）'))).toMatch(/表态1234本选票/);
  });

  it('a re-vote for a tie is among the tied only: no write-in lines, and the instructions say so', async () => {
    const tied = [{ name: '苏颖羽' }, { name: '谭素素' }];
    const { flat } = await render({ kind: 'ballot', vm: { ...sample.ballot(), ballots: [sample.ballotOf('director', tied, 1, 'revote')] } });
    expect(flat).toContain('主任选举选票（重新投票）');
    expect(flat).toContain('只能在上列候选人中选择，不得另选他人');
    expect(flat).not.toContain('另选他人（填写姓名）');
    expect(flat).not.toContain('另选他人的，在“另选他人”栏内写上其姓名');
  });

  it('lists candidates in stroke order of the surname (CAN-ORDER) as the loader orders them', async () => {
    const people = ['欧阳秀英', '张伟', '王二', '丁一', '马小红', '李四', '刘三', '万里'].map((name, i) => ({ id: String(i), name }));
    const ordered = orderCandidates(people);
    const { text } = await render({
      kind: 'ballot',
      vm: { ...sample.ballot(), ballots: [sample.ballotOf('committee', ordered, 7)] },
    });
    const printed = ordered.map((p) => ({ name: p.name, at: text.indexOf(p.name) }));
    expect(printed.every((p) => p.at >= 0)).toBe(true);
    expect([...printed].sort((a, b) => a.at - b.at).map((p) => p.name)).toEqual(ordered.map((p) => p.name));
    const strokes = ordered.map((p) => strokeCount(surnameOf(p.name).surname.charAt(0)));
    expect(strokes).toEqual([...strokes].sort((a, b) => a - b));
    expect(ordered[0]!.name).toBe('丁一');
  });
});

describe('voter cards (选民证)', () => {
  it('prints one card per voter with name, list number, group, day and time, meeting place and stations, eight per sheet', async () => {
    const { flat, pdf } = await render({ kind: 'voter-cards', vm: sample.voterCards(20, 8) });
    expect(pageCount(pdf)).toBe(3);
    for (const card of sample.cards(20)) {
      expect(flat).toContain(`姓名：${card.name}`);
      expect(flat).toContain(card.idMasked);
      expect(flat).toContain(`名单第${card.number}号`);
    }
    expect(flat).toContain('居民小组：第一居民小组');
    expect(flat).toContain('居民小组：未划分居民小组');
    expect(flat).toContain('选举日期：2026年12月26日上午8:00');
    expect(flat).toContain('选举会场：张掖路社区居民委员会二楼会议室');
    expect(flat).toContain('投票站：第一居民小组活动室、金城花园物业服务中心');
    expect(flat).toContain('2026年社区两委换届选举');
    expect(flat).not.toMatch(/No\./);
    expect((flat.match(/选民证/g) ?? []).length).toBe(20);
  });

  it('prints one card per page when asked, from an async source', async () => {
    async function* source() {
      yield* sample.cards(3);
    }
    const { pdf } = await render({ kind: 'voter-cards', vm: { ...sample.voterCards(3, 1), cards: source() } });
    expect(pageCount(pdf)).toBe(3);
  });
});

describe('result notice (选举结果公告)', () => {
  it('states voters, turnout, ballots, every vote (write-ins too), the elected per post, void and run-off', async () => {
    const { flat } = await render({ kind: 'result-notice', vm: sample.resultNotice() });
    for (const s of [
      '张掖路社区居民委员会选举结果公告',
      '第5号',
      '本社区登记选民200人，参加投票150人，超过半数，选举有效',
      '发出选票150张，收回150张，其中有效票145张，无效票5张',
      '丁一90候选人、当选',
      '王二40候选人',
      '吴九15另选他人',
      '收回选票多于发出选票，本次投票无效',
      '居民委员会委员选举（重新投票）',
      '对不足的1名另行选举，候选人为：张伟、欧阳秀英',
      '居民委员会委员选举（另行选举）（应选1名）',
      '张伟80候选人、当选',
      '主任：丁一（得票过半数）',
      '委员：马小红（得票过半数）、刘三（得票过半数）、李四（得票过半数）、张伟（另行选举，得票不少于三分之一）',
      '当选须获得参加投票的选民（150人）过半数选票',
      '另行选举中，当选须获得不少于选票150张的三分之一',
      '尚有2个名额空缺',
      '2026年12月26日',
      '盖章处',
    ]) expect(flat).toContain(s);
    // Not every winner is said to have a majority.
    expect(flat).not.toContain('以上当选人获得参加投票的选民过半数选票');
  });

  it("says the profile's quorum was met, not a half typed in", async () => {
    const { flat } = await render({ kind: 'result-notice', vm: { ...sample.resultNotice(), quorum: { num: 2, den: 3 }, present: 150 } });
    expect(flat).toContain('本社区登记选民200人，参加投票150人，超过三分之二，选举有效');
  });

  it('numbers its pages 第 x 页 共 y 页 and keeps each person’s row and name on one page', async () => {
    const many = sample.resultNotice();
    const votes = Array.from({ length: 40 }, (_, i) => ({ name: sample.personName(i * 3 + 1), votes: 140 - i, writeIn: false, elected: i < 30 }));
    const vm = {
      ...many,
      contests: [{ ...many.contests[0]!, post: 'committee' as const, seats: 30, votes }],
      elected: [{ post: 'committee' as const, people: votes.slice(0, 30).map((v) => ({ name: v.name, threshold: many.contests[0]!.threshold, stage: 'main' as const })) }],
    };
    const { pdf, text } = await render({ kind: 'result-notice', vm });
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBe(pageCount(pdf));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => expect(p.replace(/\s+/g, '')).toContain(`第${i + 1}页共${pages.length}页`));
    // Every name is whole on one page: found on a page, never cut at a page break.
    for (const v of votes) expect(pages.some((p) => p.replace(/\s+/g, '').includes(v.name)), v.name).toBe(true);
  });
});

describe('party result notice (党组织选举结果公告)', () => {
  it('is the party organisation’s: its meeting and quorum, every vote, the elected, the officers, its seal', async () => {
    const { flat, text } = await render({ kind: 'result-notice', vm: sample.partyResultNotice() });
    for (const s of [
      '中共张掖路社区支部委员会选举结果公告',
      '第5号',
      '中共张掖路社区支部委员会于2026年12月24日召开换届选举党员大会',
      '应到会有选举权的党员25人，实到会21人，超过应到会人数的五分之四，选举有效',
      '一、党组织委员会委员选举（应选5名）',
      '丁一20候选人、当选',
      '钱六4候选人',
      '当选须获得实到会有选举权的党员（21人）过半数选票',
      '下列同志当选为中共张掖路社区支部委员会委员',
      '委员：丁一（得票过半数）、王二（得票过半数）、刘三（得票过半数）、李四（得票过半数）、赵五（得票过半数）',
      '书记：丁一',
      '副书记：王二',
      '盖章处',
    ]) expect(flat).toContain(s);
    expect(text).toMatch(/钱六\s+4\s+候选人\s*$/m);
    for (const s of ['居民委员会选举结果公告', '居民选举委员会', '登记选民', '居民委员会组织法']) expect(flat).not.toContain(s);
  });

  it('says 党员代表大会 and its representatives where a congress replaces the members’ meeting', async () => {
    const vm = sample.partyResultNotice();
    const { flat } = await render({ kind: 'result-notice', vm: { ...vm, party: { ...vm.party!, assembly: 'congress', officers: [] } } });
    expect(flat).toContain('召开换届选举党员代表大会');
    expect(flat).toContain('应到会的党员代表25人，实到会21人');
    expect(flat).not.toContain('书记：');
  });
});

describe('certificates (当选证书)', () => {
  it('prints one numbered page per elected person, issued by the street office for the district government', async () => {
    const { flat, pdf } = await render({ kind: 'certificates', vm: sample.certificates() });
    expect(pageCount(pdf)).toBe(2);
    expect(flat).toContain('丁一同志');
    expect(flat).toContain('当选为张掖路社区第十一届居民委员会主任');
    expect(flat).toContain('在2026年社区两委换届选举中');
    expect(flat).toContain('任期自2026年12月26日至2029年12月26日');
    expect(flat).toContain('证书编号：2026-0001');
    expect(flat).toContain('证书编号：2026-0002');
    expect(flat).toContain('张掖路街道办事处（代兰州市城关区人民政府颁发）');
    expect(flat).toContain('2026年12月29日');
    expect(flat).not.toContain('某某');
    // The usual certificate insert: A4 landscape, one sheet each.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 841\.89 595\.28\]/);
  });

  it('leaves 第N届 out when the term number is not configured', async () => {
    const { flat } = await render({ kind: 'certificates', vm: { ...sample.certificates(), termNumber: null } });
    expect(flat).toContain('当选为张掖路社区居民委员会主任');
    expect(flat).not.toMatch(/第.届/);
  });
});

describe('filing report (换届选举备案报告)', () => {
  it('has every check with status and justification, turnout, the elected and structure, ORG-CROSS and notices', async () => {
    const vm = sample.filingReport();
    const { flat } = await render({ kind: 'filing-report', vm });
    for (const s of [
      '张掖路社区居民委员会换届选举备案报告',
      '已提交，待审核',
      '登记选民200人，参加投票150人（参选率75.0%）',
      '居民委员会主任丁一男45本科90',
      '男1人、女1人，平均年龄39岁',
      '35岁以下1人',
      '本科1人',
      '交叉任职率33.3%',
      '一肩挑',
      '第1号居民委员会换届选举公告2026年11月20日',
      'VOT-LIST-PUBLISH选民名单公布未通过',
      'REP-COUNT居民代表人数提示',
      '说明理由：本社区户数较少，经街道同意',
      'MTH-DIRECT-SHARE直选比例不适用本届规则配置未采用此项',
      'VOT-COMPLETE不漏登未核查尚未录入居民名册',
      '规则共6项：通过2项，未通过1项，提示1项，不适用1项，未核查1项',
      '兰州市城关区民政局：',
    ]) expect(flat).toContain(s);
    // English and machine words appear nowhere; rule codes only in the checks table.
    const rest = vm.checks.reduce((text, c) => text.replaceAll(c.rule, ''), flat);
    expect(rest.match(/[A-Za-z]+/g) ?? []).toEqual([]);
    expect(flat).not.toContain('交叉任职情况（ORG-CROSS）');
  });
});

const ALL: AnyViewModel[] = [
  { kind: 'election-notice', vm: sample.electionNotice() },
  { kind: 'voter-list', vm: sample.voterList() },
  { kind: 'candidate-list', vm: sample.candidateList() },
  { kind: 'ballot', vm: sample.ballot() },
  { kind: 'result-notice', vm: sample.resultNotice() },
  { kind: 'certificates', vm: sample.certificates() },
  { kind: 'filing-report', vm: sample.filingReport() },
];

describe('every paper', () => {
  it('contains no 18-digit number', async () => {
    for (const input of [...ALL, { kind: 'voter-cards', vm: sample.voterCards(16, 8) } as AnyViewModel]) {
      const { text } = await render(input);
      expect(text, input.kind).not.toMatch(WHOLE_ID);
    }
  });

  it('refuses to print a whole identity number that slipped into a view model', async () => {
    const vm = sample.voterList();
    const leaked = { ...vm, groups: [{ name: '第一居民小组', voters: [{ number: 1, name: '王建', sex: 'male' as const, idMasked: '62010219700101123X' }] }] };
    await expect(renderBuffer({ kind: 'voter-list', vm: leaked })).rejects.toThrow(/whole identity number/);
    const card = { number: 1, name: '王建', idMasked: '620102197001011234', group: null };
    await expect(renderBuffer({ kind: 'voter-cards', vm: { ...sample.voterCards(1, 8), cards: [card] } })).rejects.toThrow(/whole identity number/);
  });

  it('gives the same bytes for the same data (fixed dates and /ID), A4 with the CJK font embedded as a subset', async () => {
    for (const input of ALL) {
      const a = await renderBuffer(input);
      const b = await renderBuffer(input);
      expect(a.equals(b), input.kind).toBe(true);
      const raw = a.toString('latin1');
      expect(raw).toMatch(input.kind === 'certificates' ? /\/MediaBox \[0 0 841\.89 595\.28\]/ : /\/MediaBox \[0 0 595\.28 841\.89\]/);
      expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansHans-Regular/);
      expect(raw).toMatch(/\/FontFile3/);
      expect(raw).not.toMatch(/Helvetica/);
      expect(a.length, input.kind).toBeLessThan(400_000);
    }
    const cards = async () => renderBuffer({ kind: 'voter-cards', vm: sample.voterCards(10, 8) });
    expect((await cards()).equals(await cards())).toBe(true);
  });

  it('reads the font files once per process', async () => {
    await renderBuffer(ALL[0]!);
    const reads = fontReads();
    expect(reads).toBeLessThanOrEqual(2);
    await renderBuffer(ALL[1]!);
    await renderBuffer(ALL[3]!);
    expect(fontReads()).toBe(reads);
  });
});

describe('streaming voter cards', () => {
  it('lets the event loop run while drawing cards from memory (a server answers other requests meanwhile)', async () => {
    const { YIELD_EVERY } = await import('../../src/pdf/papers/voter-cards.js');
    // Other work queued on the event loop: counts how many turns it gets while 640 cards are drawn.
    let turns = 0;
    let running = true;
    const spin = () => {
      turns += 1;
      if (running) setImmediate(spin);
    };
    setImmediate(spin);
    const pdf = await renderBuffer({ kind: 'voter-cards', vm: sample.voterCards(640, 8) });
    running = false;
    expect(pdf.length).toBeGreaterThan(0);
    expect(turns).toBeGreaterThanOrEqual(640 / YIELD_EVERY);
  });


  it('stops rendering and stops reading the source when the output is closed', async () => {
    const { PassThrough } = await import('node:stream');
    const { renderDocument } = await import('../../src/pdf/render.js');
    let read = 0;
    async function* source() {
      for (const card of sample.cards(100_000)) {
        read += 1;
        yield card;
      }
    }
    const out = new PassThrough({ highWaterMark: 64 * 1024 });
    let received = 0;
    out.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > 200_000) out.destroy();
    });
    await expect(renderDocument({ kind: 'voter-cards', vm: { ...sample.voterCards(100_000, 8), cards: source() } }, out)).rejects.toThrow();
    expect(read).toBeLessThan(100_000);
  });
});

describe('layout', () => {
  it('keeps a nine-seat ballot with thirteen candidates on one sheet, write-in lines and seal note included', async () => {
    const candidates = Array.from({ length: 13 }, (_, i) => ({ name: sample.personName(i * 5) }));
    const { pdf, flat } = await render({ kind: 'ballot', vm: { ...sample.ballot(), ballots: [sample.ballotOf('committee', candidates, 9)] } });
    expect(pageCount(pdf)).toBe(1);
    expect(flat).toMatch(/另选他人（填写姓名）表态123456789本选票须加盖/);
  });

  it('names the group again where its list continues on a new page', async () => {
    const { text } = await render({ kind: 'voter-list', vm: sample.voterList() });
    const pages = text.split('\f');
    expect(pages[1]).toMatch(/^\s*第一居民小组（续）/);
  });

  it('prints voter cards inside the printable area (18 pt clear at each edge)', async () => {
    const { pdf } = await render({ kind: 'voter-cards', vm: sample.voterCards(8, 8) });
    const bbox = (await import('node:child_process')).execFileSync('pdftotext', ['-bbox', '-', '-'], { input: pdf, encoding: 'utf8' });
    const words = [...bbox.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
    expect(words.length).toBeGreaterThan(50);
    for (const [x1, y1, x2, y2] of words) {
      expect(x1!).toBeGreaterThan(18);
      expect(y1!).toBeGreaterThan(18);
      expect(x2!).toBeLessThan(595.28 - 18);
      expect(y2!).toBeLessThan(841.89 - 18);
    }
  });
});

describe('voter cards under backpressure', () => {
  it('stops pulling voters while the reader does not read (memory stays bounded), resumes when it does', async () => {
    const { Writable } = await import('node:stream');
    let pulled = 0;
    async function* source() {
      for (const card of sample.cards(24_000)) {
        pulled += 1;
        yield card;
      }
    }
    let stalled = true;
    const waiting: (() => void)[] = [];
    let bytes = 0;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (stalled) waiting.push(done);
        else done();
      },
    });
    const rendering = renderDocument('voter-cards', { ...sample.voterCards(24_000, 1), cards: source() }, out);
    // Wait until the source stops moving: the renderer is held by the full buffers, not racing ahead.
    let last = -1;
    for (let i = 0; i < 200 && pulled !== last; i += 1) {
      last = pulled;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(pulled).toBe(last);
    // 4 MB of document buffer at ~1 KB a page: well under half of the 24,000 voters are read ahead.
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(12_000);
    stalled = false;
    for (const done of waiting.splice(0)) done();
    await rendering;
    expect(pulled).toBe(24_000);
    expect(bytes).toBeGreaterThan(24_000 * 500);
  }, 180_000);
});

describe('candidate list introduction (from the data)', () => {
  it('states per contest the seats, the candidates, how they were nominated (as the column says) and the ballot order', async () => {
    const { flat } = await render({ kind: 'candidate-list', vm: sample.candidateList() });
    expect(flat).toContain(
      '张掖路社区居民委员会主任应选1名。经居民选举委员会提名1名、10名以上选民联名提名1名，并经资格审查，确定正式候选人2名，多于应选名额1名，实行差额选举。候选人按姓氏笔画为序排列',
    );
    expect(flat).toContain('张掖路社区居民委员会委员应选4名。经居民小组提名1名、5名以上户代表联名提名1名、本人自荐1名、10名以上选民联名提名1名、居民选举委员会提名1名');
    expect(flat).not.toContain('经选民依法提名');
    const equal = sample.candidateList();
    const asEntered = { ...equal, ordering: 'as-entered' as const, lists: [{ ...equal.lists[0]!, seats: 2 }] };
    const second = (await render({ kind: 'candidate-list', vm: asEntered })).flat;
    expect(second).toContain('确定正式候选人2名，与应选名额相等。候选人按提名先后为序排列');
  });
});

describe('party papers', () => {
  it('prints the party candidate list in the party organisation’s name', async () => {
    const { flat } = await render({ kind: 'candidate-list', vm: sample.partyCandidateList() });
    expect(flat).toContain('中共张掖路社区总支部委员会委员正式候选人名单公告');
    expect(flat).toContain('经党组织推荐5名、党员联名推荐1名，并经上级党组织审查同意，确定正式候选人6名');
    expect(flat).toContain('党员对正式候选人有意见的，可向中共张掖路社区总支部委员会反映');
    expect(flat).not.toContain('居民选举委员会');
  });

  it('prints the committee, officer and run-off ballots under the party organisation’s seal, dated the party’s day', async () => {
    const { flat, pdf } = await render({ kind: 'ballot', vm: sample.partyBallots() });
    expect(pageCount(pdf)).toBe(4);
    for (const s of [
      '中共张掖路社区总支部委员会委员选举选票',
      '中共张掖路社区总支部委员会书记选举选票',
      '中共张掖路社区总支部委员会副书记选举选票',
      '中共张掖路社区总支部委员会委员选举选票（另行选举）',
      '本选票须加盖中共张掖路社区总支部委员会印章方为有效',
      '选举日期：2026年12月24日',
    ]) expect(flat).toContain(s);
    expect(flat).not.toContain('居民选举委员会');
  });
});

describe('every paper as a resident reads it', () => {
  const numbered: AnyViewModel[] = [
    { kind: 'election-notice', vm: sample.electionNotice() },
    { kind: 'voter-list', vm: sample.voterList() },
    { kind: 'candidate-list', vm: sample.candidateList() },
    { kind: 'result-notice', vm: sample.resultNotice() },
    { kind: 'result-notice', vm: sample.partyResultNotice() },
    { kind: 'filing-report', vm: sample.filingReport() },
  ];

  it('numbers every page 第 x 页 共 y 页 and names the community in full and the round at its foot', async () => {
    for (const input of numbered) {
      const { text, pdf } = await render(input);
      const pages = text.split('\f').filter((p) => p.trim());
      expect(pages.length, input.kind).toBe(pageCount(pdf));
      pages.forEach((p, i) => {
        const flat = p.replace(/\s+/g, '');
        expect(flat, `${input.kind} page ${i + 1}`).toContain(`第${i + 1}页共${pages.length}页`);
        expect(flat, `${input.kind} page ${i + 1}`).toContain('兰州市城关区张掖路街道张掖路社区2026年社区两委换届选举');
      });
    }
    // A ballot sheet stands alone: the names at its foot, no page number.
    const ballot = await render({ kind: 'ballot', vm: sample.ballot() });
    expect(ballot.flat).toContain('兰州市城关区张掖路街道张掖路社区');
    expect(ballot.flat).not.toMatch(/第\d+页共/);
  });

  it('shows no English word, no placeholder and no internal code to a resident', async () => {
    const papers: AnyViewModel[] = [
      ...numbered.filter((p) => p.kind !== 'filing-report'),
      { kind: 'ballot', vm: sample.ballot() },
      { kind: 'ballot', vm: sample.partyBallots() },
      { kind: 'candidate-list', vm: sample.partyCandidateList() },
      { kind: 'certificates', vm: sample.certificates() },
      { kind: 'voter-cards', vm: sample.voterCards(9, 8) },
    ];
    for (const input of papers) {
      const { flat } = await render(input);
      expect(flat.match(/[A-Za-z]{2,}/g) ?? [], input.kind).toEqual([]);
      expect(flat, input.kind).not.toMatch(/某某|\{\{|undefined|null|NaN/);
    }
  });
});
