import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyMembers } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createMeeting, enterTwice, nominateAndPublish, result, type Community } from './election-fixture.js';

let t: TestApp;
const NAMES = ['赵五', '李四', '丁一', '刘三', '王二', '钱六', '孙七'];

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
});
afterAll(async () => t?.close());

const nominate = (c: Community, contest: string, name: string, extra: Record<string, unknown> = {}) =>
  t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest, voterId: c.byName[name], basis: 'committee', consent: true, ...extra } });
const publish = (c: Community, body: Record<string, unknown>) =>
  t.call('POST', `/communities/${c.id}/candidates/publish`, { token: c.committee, body });

describe(`candidates on ${dbKind}`, () => {
  it('refuses 4 candidates for 4 seats and accepts 5 (CAN-SURPLUS)', async () => {
    const c = await createCommunity(t, { names: NAMES });
    for (const name of NAMES.slice(0, 4)) expect((await nominate(c, 'member', name)).statusCode).toBe(201);
    const four = await publish(c, { contest: 'member', publishedOn: '2026-12-20' });
    expect(four.statusCode).toBe(422);
    // Violations are described by the domain's describeViolation: figures in `details`, messages in both languages.
    expect(four.json()).toMatchObject({
      error: { code: 'RULE_VIOLATION', rule: 'CAN-SURPLUS', messageZh: expect.stringContaining('5'), details: { violations: [{ details: { seats: 4, required: 5, actual: 4 } }] } },
    });
    expect((await nominate(c, 'member', NAMES[4]!)).statusCode).toBe(201);
    const five = await publish(c, { contest: 'member', publishedOn: '2026-12-20' });
    expect(five.statusCode).toBe(201);
  });

  it('publishes in ballot order by surname strokes (CAN-ORDER)', async () => {
    const c = await createCommunity(t, { names: NAMES });
    for (const name of NAMES.slice(0, 5)) await nominate(c, 'member', name);
    const res = await publish(c, { contest: 'member', publishedOn: '2026-12-20' });
    const list = res.json() as { candidates: { id: string; name: string; order: number }[] };
    // 丁 2, 王 4, 刘 6, 李 7, 赵 9 strokes.
    expect(list.candidates.map((x) => [x.name, x.order])).toEqual([
      ['丁一', 1],
      ['王二', 2],
      ['刘三', 3],
      ['李四', 4],
      ['赵五', 5],
    ]);
  });

  it('refuses a list published 4 days before election day and accepts 5 (CAN-LIST-NOTICE)', async () => {
    const c = await createCommunity(t, { names: NAMES });
    for (const name of NAMES.slice(0, 2)) await nominate(c, 'director', name);
    const four = await publish(c, { contest: 'director', publishedOn: '2026-12-22' });
    expect(four.statusCode).toBe(400); // after today (2026-12-21): a future date
    const late = await createTestApp({ today: '2026-12-23' });
    try {
      const c2 = await createCommunity(late, { names: NAMES });
      for (const name of NAMES.slice(0, 2)) {
        await late.call('POST', `/communities/${c2.id}/nominations`, { token: c2.committee, body: { contest: 'director', voterId: c2.byName[name], basis: 'committee', consent: true } });
      }
      const res4 = await late.call('POST', `/communities/${c2.id}/candidates/publish`, { token: c2.committee, body: { contest: 'director', publishedOn: '2026-12-22' } });
      expect(res4.statusCode).toBe(422);
      expect(res4.json()).toMatchObject({ error: { rule: 'CAN-LIST-NOTICE', details: { violations: [{ details: { required: 5, actual: 4 } }] } } });
      const res5 = await late.call('POST', `/communities/${c2.id}/candidates/publish`, { token: c2.committee, body: { contest: 'director', publishedOn: '2026-12-21' } });
      expect(res5.statusCode).toBe(201);
    } finally {
      await late.close();
    }
  });

  it('checks nominators (CAN-NOMINATION) and eligibility (CAN-ELIGIBLE)', async () => {
    const c = await createCommunity(t, { names: NAMES, voters: 30 });
    const nine = c.voterIds.slice(10, 19);
    const few = await nominate(c, 'director', '丁一', { basis: 'voters', nominatorIds: nine });
    expect(few.json()).toMatchObject({ error: { rule: 'CAN-NOMINATION' } });
    const ten = await nominate(c, 'director', '丁一', { basis: 'voters', nominatorIds: c.voterIds.slice(10, 20) });
    expect(ten.statusCode).toBe(201);
    // One seat: a nominator may be on one director nomination only.
    const again = await nominate(c, 'director', '王二', { basis: 'voters', nominatorIds: c.voterIds.slice(10, 20) });
    // The domain's reason for the *practice* cap of CAN-NOMINATION (nominatorLimit: 'seats').
    // One violation per nominator over the limit, named in the message.
    const over = again.json() as { error: { rule: string; messageZh: string; details: { violations: { details: { reason: string; max: number } }[] } } };
    expect(over.error).toMatchObject({ rule: 'CAN-NOMINATION', messageZh: '提名人选民11联名提名2人，超过该职位应选名额1名' });
    expect(over.error.details.violations).toHaveLength(10);
    expect(over.error.details.violations[0]).toMatchObject({ details: { reason: 'nominator-over-limit', max: 1 } });
    const self = await nominate(c, 'director', '王二', { basis: 'self' });
    expect(self.json()).toMatchObject({ error: { rule: 'CAN-NOMINATION' } });
    const other = await createCommunity(t, { names: ['外人'] });
    const outsider = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: other.byName['外人'], basis: 'committee', consent: true } });
    expect(outsider.json()).toMatchObject({ error: { rule: 'CAN-ELIGIBLE' } });
    const dup = await nominate(c, 'director', '丁一');
    expect(dup.statusCode).toBe(409);
    // Another community's committee: 403.
    expect((await t.call('POST', `/communities/${c.id}/nominations`, { token: other.committee, body: { contest: 'director', voterId: c.byName['王二'], basis: 'committee' } })).statusCode).toBe(403);
  });

  it('lets a candidate withdraw until 3 days before, backfills in nomination order and republishes (CAN-WITHDRAW)', async () => {
    const c = await createCommunity(t, { names: NAMES });
    const ids: string[] = [];
    for (const name of ['丁一', '王二', '刘三']) ids.push(((await nominate(c, 'director', name)).json() as { id: string }).id);
    const first = await publish(c, { contest: 'director', publishedOn: '2026-12-20', nominationIds: ids.slice(0, 2) });
    expect(first.json()).toMatchObject({ version: 1 });
    const late = await t.call('POST', `/nominations/${ids[0]}/withdraw`, { token: c.committee, body: { on: '2026-12-24' } });
    expect(late.json()).toMatchObject({ error: { rule: 'CAN-WITHDRAW' } });
    const ok = await t.call('POST', `/nominations/${ids[0]}/withdraw`, { token: c.committee, body: { on: '2026-12-21' } });
    expect(ok.statusCode).toBe(200);
    const body = ok.json() as { nomination: { status: string }; list: { version: number; publishedOn: string; candidates: { name: string }[] } };
    expect(body.nomination.status).toBe('withdrawn');
    expect(body.list.version).toBe(2);
    expect(body.list.publishedOn).toBe('2026-12-21');
    expect(body.list.candidates.map((x) => x.name)).toEqual(['王二', '刘三']);
  });

  it('party meeting: quorum over 4/5 of full members, then the officers (PTY-OFFICERS)', async () => {
    const c = await createCommunity(t, { names: NAMES, party: { type: 'branch', members: 20, seats: 5 } });
    await t.testDb.database.db.insert(partyMembers).values(NAMES.map((name) => ({ communityId: c.id, name, voterId: c.byName[name]!, status: 'full' as const })));
    const { idOf } = await nominateAndPublish(t, c, { contest: 'party', names: NAMES, publishedOn: '2026-12-18' });
    const m = await createMeeting(t, c, { kind: 'party', expected: 20 });
    const exactly = await t.call('POST', `/meetings/${m.id}/attendance`, { token: c.committee, body: { present: 16 } });
    expect(exactly.json()).toMatchObject({ present: 16, expected: 20, quorate: false });
    const above = await t.call('POST', `/meetings/${m.id}/attendance`, { token: c.committee, body: { present: 17 } });
    expect(above.json()).toMatchObject({ quorate: true });
    // Proxies are not allowed at party elections.
    const proxy = await t.call('POST', `/meetings/${m.id}/proxies`, { token: c.committee, body: { giverVoterId: c.voterIds[10], holderVoterId: c.voterIds[11] } });
    expect(proxy.json()).toMatchObject({ error: { rule: 'MTG-PROXY' } });

    await enterTwice(t, m, {
      contest: 'party',
      issued: 17,
      returned: 17,
      invalid: 0,
      votes: { [idOf['丁一']!]: 17, [idOf['王二']!]: 16, [idOf['刘三']!]: 15, [idOf['李四']!]: 14, [idOf['赵五']!]: 12, [idOf['钱六']!]: 5, [idOf['孙七']!]: 5 },
    });
    const outsider = await t.call('POST', `/meetings/${m.id}/officers`, { token: c.committee, body: { secretary: [idOf['钱六']] } });
    expect(outsider.json()).toMatchObject({ error: { rule: 'PTY-OFFICERS' } });
    const proposed = { secretary: [idOf['丁一']], deputySecretaries: [idOf['王二']] };
    // The street party working committee reviews the proposed officers first (PTY-OFFICERS).
    const unreviewed = await t.call('POST', `/meetings/${m.id}/officers`, { token: c.committee, body: proposed });
    expect(unreviewed.statusCode, unreviewed.body).toBe(422);
    expect(unreviewed.json()).toMatchObject({ error: { rule: 'PTY-OFFICERS', messageZh: '书记、副书记人选须先报街道党工委审查同意，请填写审查同意的日期' } });
    // The secretary's own conditions (lanzhou: 一般 high school, 原则上 at most 40) are soft: a written reason lets it go on.
    const unjustified = await t.call('POST', `/meetings/${m.id}/officers`, { token: c.committee, body: { ...proposed, reviewedOn: '2026-12-20' } });
    expect(unjustified.statusCode, unjustified.body).toBe(422);
    expect(unjustified.json()).toMatchObject({ error: { code: 'JUSTIFICATION_REQUIRED', rule: 'CAN-AGE-EDU' } });
    expect((unjustified.json() as { error: { messageZh: string } }).error.messageZh).toMatch(/^社区党组织负责人应具有高中\/中专以上学历/);
    const open = await t.call('POST', `/meetings/${m.id}/officers`, {
      token: c.committee,
      body: { ...proposed, reviewedOn: '2026-12-20', justifications: [{ rule: 'CAN-AGE-EDU', text: '经街道党工委研究，该同志熟悉社区工作，同意提名' }] },
    });
    expect(open.statusCode, open.body).toBe(201);
    const contests = (open.json() as { contests: { contestId: string; contest: string; voters: number }[] }).contests;
    expect(contests.map((x) => [x.contest, x.voters])).toEqual([
      ['secretary', 5],
      ['deputy-secretary', 5],
    ]);
    await enterTwice(t, m, { contest: 'secretary', contestId: contests[0]!.contestId, issued: 5, returned: 5, invalid: 0, votes: { [idOf['丁一']!]: 5 } });
    const r = await result(t, m, c.committee);
    expect(r.contests.find((x) => x.contest === 'secretary')).toMatchObject({ stage: 'officers', elected: [{ name: '丁一', votes: 5 }] });
  });

  it('refuses a candidate as scrutineering staff (MTG-RECUSAL) and too many proxies (MTG-PROXY)', async () => {
    const c = await createCommunity(t, { names: NAMES, voters: 30 });
    await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] });
    const m = await createMeeting(t, c, { expected: 30 });
    const staff = await t.call('POST', `/meetings/${m.id}/staff`, { token: c.committee, body: { name: '丁一', voterId: c.byName['丁一'], duty: 'counter' } });
    expect(staff.json()).toMatchObject({ error: { rule: 'MTG-RECUSAL' } });
    const fine = await t.call('POST', `/meetings/${m.id}/staff`, { token: c.committee, body: { name: '钱六', voterId: c.byName['钱六'], duty: 'monitor' } });
    expect(fine.statusCode).toBe(201);
    const holder = c.voterIds[20]!;
    for (const giver of c.voterIds.slice(21, 24)) {
      expect((await t.call('POST', `/meetings/${m.id}/proxies`, { token: c.committee, body: { giverVoterId: giver, holderVoterId: holder } })).statusCode).toBe(201);
    }
    const fourth = await t.call('POST', `/meetings/${m.id}/proxies`, { token: c.committee, body: { giverVoterId: c.voterIds[24], holderVoterId: holder } });
    expect(fourth.json()).toMatchObject({ error: { rule: 'MTG-PROXY' } });
    const mobile = await t.call('POST', `/meetings/${m.id}/boxes`, { token: c.committee, body: { name: '流动1', kind: 'mobile', monitors: ['甲', '乙'] } });
    expect(mobile.json()).toMatchObject({ error: { rule: 'MTG-BOXES' } });
  });
});

describe(`the candidate list before publication (GET /communities/:id/candidates/preview), on ${dbKind}`, () => {
  it("says what the profile asks (seats, candidates required, latest day) and the rules' verdict on publishing today", async () => {
    // 4 member seats need 5 candidates (差额20%: ceil(4 × 1.2)); election day 2026-12-26, today 2026-12-21: the last day.
    const c = await createCommunity(t, { names: NAMES, voters: 30, rcSeats: { director: 1, deputies: 1, members: 4 } });
    const preview = async () => {
      const res = await t.call('GET', `/communities/${c.id}/candidates/preview?contest=member`, { token: c.committee });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { seats: number; nominees: number; required: number; latest: string; checks: { rule: string; status: string; messageZh: string | null }[] };
    };
    for (const name of NAMES.slice(0, 4)) {
      const res = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'member', voterId: c.byName[name], basis: 'committee', consent: true } });
      expect(res.statusCode, res.body).toBe(201);
    }
    const short = await preview();
    expect(short).toMatchObject({ seats: 4, nominees: 4, required: 5, latest: '2026-12-21' });
    expect(short.checks).toEqual([
      { rule: 'CAN-SURPLUS', status: 'fail', messageZh: expect.stringContaining('应选4名，候选人应不少于5名') },
      { rule: 'CAN-LIST-NOTICE', status: 'pass', messageZh: null },
    ]);
    const fifth = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'member', voterId: c.byName[NAMES[4]!], basis: 'committee', consent: true } });
    expect(fifth.statusCode, fifth.body).toBe(201);
    expect((await preview()).checks.map((x) => x.status)).toEqual(['pass', 'pass']);
  });
});
