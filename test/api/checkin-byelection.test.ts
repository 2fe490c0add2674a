/**
 * Issue 21, the last two parts: QR voter cards checked in at the meeting desk (MTG-CHECKIN; the check-ins are the
 * meeting's one attendance figure and move the quorum), and after the round a recall (AFT-RECALL) and the by-election
 * (补选) of a vacant member seat through the round's own meeting, quorum, double-entry tally, majority and certificate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardTokenOf } from '../../src/services/card-tokens.js';
import { pdfText, squash } from '../pdf/support.js';
import { filings } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createCommunity, createMeeting, enterTwice, nominateAndPublish, result, type Meeting } from './election-fixture.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-26' });
});
afterAll(async () => t?.close());

const checkIn = (m: { id: string }, token: string, card: string, proxy?: boolean) =>
  t.call('POST', `/meetings/${m.id}/check-ins`, { token, body: { token: card, ...(proxy ? { proxy } : {}) } });

describe('QR check-in at the meeting desk (MTG-CHECKIN)', () => {
  it('checks a card in once, refuses a repeat (409) and another community’s card (422), and the attendance follows the scans', async () => {
    const c = await createCommunity(t, { method: 'direct', voters: 10, names: ['王建国', '李秀英'] });
    const other = await createCommunity(t, { method: 'direct', voters: 3 });
    const m = await createMeeting(t, c, { expected: 10 });

    const first = await checkIn(m, c.committee, cardTokenOf(c.voterIds[0]!));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ voter: { name: '王**' }, present: 1, expected: 10, quorate: false, byProxy: false });
    expect((first.json() as { voter: { idNumber: string } }).voter.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);

    const again = await checkIn(m, c.committee, cardTokenOf(c.voterIds[0]!));
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'ALREADY_CHECKED_IN', messageZh: '王**已经签到，不能重复签到' } });

    const foreign = await checkIn(m, c.committee, cardTokenOf(other.voterIds[0]!));
    expect(foreign.statusCode, foreign.body).toBe(422);
    expect(foreign.json()).toMatchObject({ error: { rule: 'MTG-CHECKIN' } });
    expect((foreign.json() as { error: { messageZh: string } }).error.messageZh).toContain('不属于本社区');

    const card = cardTokenOf(c.voterIds[1]!);
    const forged = await checkIn(m, c.committee, `${card.slice(0, -1)}${card.endsWith('0') ? '1' : '0'}`);
    expect(forged.statusCode, forged.body).toBe(400);
    expect(forged.json()).toMatchObject({ error: { code: 'CARD_UNREADABLE' } });

    // The quorum (more than half of 10) is reached by the sixth scan, on the meeting desk's own figure.
    for (let i = 1; i <= 4; i += 1) expect((await checkIn(m, c.committee, cardTokenOf(c.voterIds[i]!))).json()).toMatchObject({ quorate: false, present: i + 1 });
    const sixth = await checkIn(m, c.committee, cardTokenOf(c.voterIds[5]!));
    expect(sixth.json()).toMatchObject({ present: 6, quorate: true });
    const quorum = await t.call('GET', `/meetings/${m.id}/quorum`, { token: c.committee });
    expect(quorum.json()).toMatchObject({ present: 6, expected: 10, quorate: true, recorded: true });
    expect((await t.call('GET', `/meetings/${m.id}`, { token: c.committee })).json()).toMatchObject({ present: 6, quorate: true });

    // A manual figure cannot undo a scan.
    const lower = await t.call('POST', `/meetings/${m.id}/attendance`, { token: c.committee, body: { present: 5 } });
    expect(lower.statusCode, lower.body).toBe(400);
    const list = await t.call('GET', `/meetings/${m.id}/check-ins?pageSize=2`, { token: c.committee });
    expect(list.json()).toMatchObject({ total: 6, page: 1, pageSize: 2 });
    expect(JSON.stringify(list.json())).not.toContain('王建国');

    const audit = await t.call('GET', '/audit/verify', { token: t.adminToken });
    expect(audit.json()).toMatchObject({ ok: true });
  });

  it('checks a proxy giver in only against the proxy register, after the holder', async () => {
    const c = await createCommunity(t, { method: 'direct', voters: 10 });
    const m = await createMeeting(t, c, { expected: 10 });
    const [giver, holder, stranger] = [c.voterIds[7]!, c.voterIds[8]!, c.voterIds[9]!];
    const registered = await t.call('POST', `/meetings/${m.id}/proxies`, { token: c.committee, body: { giverVoterId: giver, holderVoterId: holder } });
    expect(registered.statusCode, registered.body).toBe(201);

    const early = await checkIn(m, c.committee, cardTokenOf(giver), true);
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json()).toMatchObject({ error: { rule: 'MTG-CHECKIN' } });
    expect((early.json() as { error: { messageZh: string } }).error.messageZh).toContain('尚未本人签到');

    expect((await checkIn(m, c.committee, cardTokenOf(holder))).statusCode).toBe(201);
    const byProxy = await checkIn(m, c.committee, cardTokenOf(giver), true);
    expect(byProxy.statusCode, byProxy.body).toBe(201);
    expect(byProxy.json()).toMatchObject({ byProxy: true, present: 2 });

    const unregistered = await checkIn(m, c.committee, cardTokenOf(stranger), true);
    expect(unregistered.statusCode, unregistered.body).toBe(422);
    expect((unregistered.json() as { error: { messageZh: string } }).error.messageZh).toContain('未在本次会议登记委托投票');
  });

  it('at a representatives congress checks in representatives only', async () => {
    const c = await createCommunity(t, { method: 'congress', voters: 6 });
    const rep = await t.call('POST', `/communities/${c.id}/representatives`, { token: c.committee, body: { voterId: c.voterIds[0] } });
    expect(rep.statusCode, rep.body).toBe(201);
    const m = await createMeeting(t, c, { expected: 1 });
    const refused = await checkIn(m, c.committee, cardTokenOf(c.voterIds[1]!));
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ error: { rule: 'MTG-CHECKIN' } });
    const ok = await checkIn(m, c.committee, cardTokenOf(c.voterIds[0]!));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ present: 1, quorate: true });
  });
});

const roundMeetingOf = new Map<string, string>();
const NAMES = ['甲一', '乙二', '丙三', '丁四', '戊五', '己六'];

/** A direct-election community whose three member seats are filled at the round's meeting. */
async function electedMembers() {
  const c = await createCommunity(t, { method: 'direct', voters: 30, names: NAMES, rcSeats: { director: 1, deputies: 1, members: 3 } });
  const { idOf } = await nominateAndPublish(t, c, { contest: 'member', names: NAMES.slice(0, 4) });
  const m = await createMeeting(t, c, { expected: 30, present: 20 });
  await enterTwice(t, m, { contest: 'member', issued: 20, returned: 20, invalid: 0, votes: { [idOf['甲一']!]: 15, [idOf['乙二']!]: 14, [idOf['丙三']!]: 13, [idOf['丁四']!]: 5 } });
  roundMeetingOf.set(c.id, m.id);
  const r = await result(t, m, c.committee);
  expect(r.contests.find((x) => x.contest === 'member')!.elected.map((e) => e.name).sort()).toEqual(['丙三', '乙二', '甲一'].sort());
  return { c, idOf };
}

describe('by-election of a vacant member seat (补选, AFT-BY-ELECTION)', () => {
  it('fills a member seat vacated by resignation end to end: nomination with surplus, quorum, double entry, majority, result, certificate', async () => {
    const { c, idOf } = await electedMembers();
    // The round is filed and approved (seeded: the fixture's round is not complete enough to file); what follows the
    // round is not frozen by it.
    const checks = { items: (await t.call('GET', `/communities/${c.id}/checks`, { token: c.committee })).json() as unknown[] };
    expect(checks.items.length).toBeGreaterThan(0);
    const [filed] = await t.testDb.database.db
      .insert(filings)
      .values({ communityId: c.id, districtId: c.districtId, kind: 'rc', status: 'approved', checks: checks.items, submittedAt: new Date('2026-12-28T10:00:00+08:00') })
      .returning();
    const filingId = filed!.id;
    // The committee's screen lists the members elected at the round, by post, with the nominations a vacancy names.
    const before = (await t.call('GET', `/communities/${c.id}/after-round`, { token: c.committee })).json() as { members: { name: string; contest: string; nominationId: string }[]; vacancies: unknown[] };
    const members = before.members.filter((x) => x.contest === 'member').sort((a, b) => a.name.localeCompare(b.name));
    expect(members.map((x) => [x.name, x.nominationId])).toEqual(['丙三', '乙二', '甲一'].sort((a, b) => a.localeCompare(b)).map((n) => [n, idOf[n]]));
    expect(before.vacancies).toEqual([]);
    const notElected = await t.call('POST', `/communities/${c.id}/vacancies`, { token: c.committee, body: { nominationId: idOf['丁四'], contest: 'member', reason: 'resignation', occurredOn: '2027-03-01' } });
    expect(notElected.statusCode, notElected.body).toBe(422);
    expect(notElected.json()).toMatchObject({ error: { rule: 'AFT-BY-ELECTION' } });

    const vacancy = await t.call('POST', `/communities/${c.id}/vacancies`, { token: c.committee, body: { nominationId: idOf['甲一'], contest: 'member', reason: 'resignation', occurredOn: '2027-03-01' } });
    expect(vacancy.statusCode, vacancy.body).toBe(201);
    const v = vacancy.json() as { id: string; name: string; status: string };
    expect(v).toMatchObject({ name: '甲一', status: 'open', reason: 'resignation' });

    const equal = await t.call('POST', `/vacancies/${v.id}/by-election`, { token: c.committee, body: { date: '2027-03-20', candidateVoterIds: [c.byName['戊五']] } });
    expect(equal.statusCode, equal.body).toBe(422);
    expect(equal.json()).toMatchObject({ error: { rule: 'CAN-SURPLUS' } });

    const opened = await t.call('POST', `/vacancies/${v.id}/by-election`, { token: c.committee, body: { date: '2027-03-20', candidateVoterIds: [c.byName['戊五'], c.byName['己六']] } });
    expect(opened.statusCode, opened.body).toBe(201);
    const be = opened.json() as { meetingId: string; contestId: string; status: string; candidates: { id: string; name: string }[] };
    expect(be).toMatchObject({ status: 'by-election', candidates: [{ name: '戊五' }, { name: '己六' }] });
    // The community's meeting list says which meeting is the by-election (the screen labels it 补选).
    const listed = (await t.call('GET', `/communities/${c.id}/meetings`, { token: c.committee })).json() as { items: { id: string; purpose: string }[] };
    expect(listed.items.find((x) => x.id === be.meetingId)?.purpose).toBe('by-election');

    // The by-election meeting uses the round's quorum and tally: nothing is counted before it is quorate.
    const m: Meeting = await createMeetingTokens(be.meetingId);
    const early = await t.call('POST', `/meetings/${m.id}/tally-sheets`, { token: m.scrutineers[0]!, body: { contest: 'member', contestId: be.contestId, box: 'main', issued: 16, returned: 16, invalid: 0, votes: {} } });
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json()).toMatchObject({ error: { rule: 'MTG-QUORUM-RC' } });
    for (let i = 10; i < 26; i += 1) expect((await checkIn({ id: m.id }, c.committee, cardTokenOf(c.voterIds[i]!))).statusCode).toBe(201);
    expect((await t.call('GET', `/meetings/${m.id}/quorum`, { token: c.committee })).json()).toMatchObject({ present: 16, expected: 30, quorate: true });

    const [wu, ji] = [be.candidates[0]!.id, be.candidates[1]!.id];
    // Double entry: one typing alone confirms nothing.
    const one = await t.call('POST', `/meetings/${m.id}/tally-sheets`, { token: m.scrutineers[0]!, body: { contest: 'member', contestId: be.contestId, box: 'main', issued: 16, returned: 16, invalid: 1, votes: { [wu]: 11, [ji]: 4 } } });
    expect(one.statusCode, one.body).toBe(201);
    expect((await t.call('POST', `/vacancies/${v.id}/close`, { token: c.committee, body: { issuedOn: '2027-03-21' } })).statusCode).toBe(409);
    const two = await t.call('POST', `/meetings/${m.id}/tally-sheets`, { token: m.scrutineers[1]!, body: { contest: 'member', contestId: be.contestId, box: 'main', issued: 16, returned: 16, invalid: 1, votes: { [wu]: 11, [ji]: 4 } } });
    expect(two.json()).toMatchObject({ status: 'confirmed' });

    const res = await result(t, m, c.committee);
    expect(res.contests).toHaveLength(1);
    expect(res.contests[0]).toMatchObject({ contest: 'member', complete: true, elected: [{ name: '戊五', votes: 11 }] });
    expect(res.contests[0]!.rules.find((x) => x.rule === 'CNT-MAJORITY-RC')?.status).toBe('pass');

    const closed = await t.call('POST', `/vacancies/${v.id}/close`, { token: c.committee, body: { issuedOn: '2027-03-21' } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'filled', filledBy: '戊五', certificateNumber: 1 });
    const certs = await t.call('GET', `/communities/${c.id}/certificates`, { token: c.committee });
    expect(JSON.stringify(certs.json())).toContain('戊五');

    // The round's own result is untouched by the later meeting.
    const after = await t.call('GET', `/communities/${c.id}/after-round`, { token: c.committee });
    expect(after.json()).toMatchObject({ vacancies: [{ name: '甲一', status: 'filled', filledBy: '戊五' }] });
    const round = await result(t, { id: roundMeetingOf.get(c.id)!, scrutineers: [], chief: '' }, c.committee);
    expect(round.contests.find((x) => x.contest === 'member')!.elected.map((e) => e.name).sort()).toEqual(['丙三', '乙二', '甲一'].sort());

    // The filing shows it: the report's section 七 and GET /filings/:id.
    const paper = await t.call('GET', `/communities/${c.id}/documents/filing-report.pdf`, { token: c.committee });
    expect(paper.statusCode, paper.body.slice(0, 300)).toBe(200);
    const text = squash(pdfText(paper.rawPayload));
    expect(text).toContain('七、罢免与补选情况');
    expect(text).toContain(squash('委员甲一因辞职出缺；经补选，戊五当选，当选证书第1号。'));
    const filing = await t.call('GET', `/filings/${filingId}`, { token: c.committee });
    expect(filing.statusCode, filing.body).toBe(200);
    expect(filing.json()).toMatchObject({ status: 'approved', afterRound: { vacancies: [{ name: '甲一', filledBy: '戊五', certificateNumber: 1 }] } });
  });

  it('refuses a recall petition below the profile’s share (AFT-RECALL), records one at the share, and a passed vote opens the vacancy', async () => {
    const { c, idOf } = await electedMembers();
    // 30 registered voters, 1/5 → at least 6 must sign.
    const few = await t.call('POST', `/communities/${c.id}/recalls`, { token: c.committee, body: { nominationId: idOf['乙二'], contest: 'member', base: 'voters', petitioners: 5, reason: '长期不履行职责', filedOn: '2027-04-01' } });
    expect(few.statusCode, few.body).toBe(422);
    expect(few.json()).toMatchObject({ error: { rule: 'AFT-RECALL' } });
    expect((few.json() as { error: { messageZh: string } }).error.messageZh).toContain('至少6人');

    const petition = await t.call('POST', `/communities/${c.id}/recalls`, { token: c.committee, body: { nominationId: idOf['乙二'], contest: 'member', base: 'voters', petitioners: 6, reason: '长期不履行职责', filedOn: '2027-04-01' } });
    expect(petition.statusCode, petition.body).toBe(201);
    const recall = petition.json() as { id: string };

    const vote = await t.call('POST', `/recalls/${recall.id}/vote`, { token: c.committee, body: { date: '2027-04-20', returned: 20, votesFor: 15, votesAgainst: 5 } });
    expect(vote.statusCode, vote.body).toBe(200);
    expect(vote.json()).toMatchObject({ status: 'recalled', votesFor: 15 });
    const vacancyId = (vote.json() as { vacancyId: string }).vacancyId;
    expect(vacancyId).toBeTruthy();
    const after = await t.call('GET', `/communities/${c.id}/after-round`, { token: c.committee });
    expect(after.json()).toMatchObject({ recalls: [{ name: '乙二', status: 'recalled' }], vacancies: [{ id: vacancyId, name: '乙二', reason: 'recall', status: 'open' }] });
  });

  it('keeps the member when the recall vote falls short (turnout not above half)', async () => {
    const { c, idOf } = await electedMembers();
    const petition = await t.call('POST', `/communities/${c.id}/recalls`, { token: c.committee, body: { nominationId: idOf['丙三'], contest: 'member', base: 'voters', petitioners: 7, reason: '违法', filedOn: '2027-04-01' } });
    const vote = await t.call('POST', `/recalls/${(petition.json() as { id: string }).id}/vote`, { token: c.committee, body: { date: '2027-04-20', returned: 15, votesFor: 15, votesAgainst: 0 } });
    expect(vote.statusCode, vote.body).toBe(200);
    expect(vote.json()).toMatchObject({ status: 'kept', vacancyId: null });
    expect((vote.json() as { messageZh: string }).messageZh).toContain('过半数参加投票');
  });
});

async function createMeetingTokens(id: string): Promise<Meeting> {
  const { tokenFor } = await import('./election-fixture.js');
  return { id, scrutineers: [await tokenFor(t, 'scrutineer', id), await tokenFor(t, 'scrutineer', id)], chief: await tokenFor(t, 'scrutineer', id, true) };
}
