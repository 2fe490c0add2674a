import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { idNumber, setup as setupCommunity, type ErrorJson } from './registration-fixture.js';

// Today is 2026-12-06: exactly 20 days before election day 2026-12-26.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-06' });
});
afterAll(async () => t?.close());

const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A community whose election notice is out (2026-10-01), as TML-ORDER requires before the voter list. */
async function setup(app: TestApp, overrides: Record<string, unknown> = {}) {
  const made = await setupCommunity(app, { time: '上午9时', place: '社区居委会会议室', ...overrides });
  const notice = await app.call('POST', `/communities/${made.c.id}/documents/election-notice/issue`, { token: made.c.committee, body: { issuedOn: '2026-10-01' } });
  expect(notice.statusCode, notice.body).toBe(201);
  return made;
}
const publish = (token: string, id: string, body: Record<string, unknown> = {}) =>
  t.call('POST', `/communities/${id}/voter-list/publish`, { token, body });
const register = (token: string, communityId: string, idNo: string, name = '王五') =>
  t.call('POST', `/communities/${communityId}/voters`, { token, body: { idNumber: idNo, name, residency: 'registered' } });

describe(`voter list publication on ${dbKind}`, () => {
  it('TML-ORDER: the voter list is not published before the election notice, and the error says which comes first', async () => {
    const { c } = await setupCommunity(t, { time: '上午9时', place: '社区居委会会议室' });
    const early = await publish(c.committee, c.id);
    expect(early.statusCode).toBe(422);
    const error = (early.json() as ErrorJson).error;
    expect(error.rule).toBe('TML-ORDER');
    expect(error.messageZh).toBe('选民名单公布（2026年12月6日）不得早于选举公告（尚未进行）');
    const notice = await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-12-06' } });
    expect(notice.statusCode, notice.body).toBe(201);
    const before = await publish(c.committee, c.id, { publishedOn: '2026-12-05' });
    expect((before.json() as ErrorJson).error.rule).toBe('TML-ORDER');
    expect((await publish(c.committee, c.id)).statusCode).toBe(201);
  });

  it('VOT-LIST-PUBLISH: 20 days before election day is on time, 19 is late', async () => {
    const on = await setup(t, { electionDay: '2026-12-26' });
    const res = await publish(on.c.committee, on.c.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ publishedOn: '2026-12-06', noticeNo: 2, objectionsUntil: '2026-12-11' });
    const again = await publish(on.c.committee, on.c.id);
    expect((again.json() as { noticeNo: number }).noticeNo).toBe(3);

    const late = await setup(t, { electionDay: '2026-12-25' });
    const res2 = await publish(late.c.committee, late.c.id);
    expect(res2.statusCode).toBe(422);
    const body = res2.json() as ErrorJson;
    expect(body.error.rule).toBe('VOT-LIST-PUBLISH');
    expect(body.error.messageZh).toContain('20');
    const notices = rows<{ n: number }>(await t.testDb.database.db.execute(sql`select count(*)::int as n from notices where community_id = ${late.c.id} and kind = 'voter-list'`));
    expect(notices[0]!.n).toBe(0);
  });

  it('an earlier date inside the phases is allowed, a future one or one outside the phases is refused', async () => {
    const { c } = await setup(t);
    expect((await publish(c.committee, c.id, { publishedOn: '2026-12-07' })).json()).toMatchObject({ error: { rule: 'VOT-LIST-PUBLISH' } });
    expect((await publish(c.committee, c.id, { publishedOn: '2026-10-20' })).json()).toMatchObject({ error: { rule: 'TML-PHASE' } });
    const ok = await publish(c.committee, c.id, { publishedOn: '2026-11-25' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ publishedOn: '2026-11-25', objectionsUntil: '2026-11-30' });
  });
});

describe('objections', () => {
  async function published() {
    const ctx = await setup(t);
    const voter = (await register(ctx.c.committee, ctx.c.id, idNumber('1970-07-07', 71), '赵六')).json() as { id: string };
    expect((await publish(ctx.c.committee, ctx.c.id, { publishedOn: '2026-11-25' })).statusCode).toBe(201);
    return { ...ctx, voterId: voter.id };
  }
  const file = (token: string, id: string, body: Record<string, unknown>) =>
    t.call('POST', `/communities/${id}/objections`, { token, body: { reason: '理由', filedBy: '居民甲', ...body } });

  it('must be filed within 5 days of publication and decided within 3 days', async () => {
    const { c, voterId } = await published();
    const late = await file(c.committee, c.id, { kind: 'remove', voterId, filedOn: '2026-12-01' });
    expect(late.statusCode).toBe(422);
    expect((late.json() as ErrorJson).error.rule).toBe('VOT-LIST-PUBLISH');
    expect((late.json() as ErrorJson).error.messageZh).toContain('5日内');
    const before = await file(c.committee, c.id, { kind: 'remove', voterId, filedOn: '2026-11-24' });
    expect(before.statusCode).toBe(422);
    const onTime = await file(c.committee, c.id, { kind: 'remove', voterId, filedOn: '2026-11-30' });
    expect(onTime.statusCode, onTime.body).toBe(201);
    expect(onTime.json()).toMatchObject({ status: 'pending', decideBy: '2026-12-03' });
    const objectionId = (onTime.json() as { id: string }).id;
    const lateDecision = await t.call('POST', `/objections/${objectionId}/decision`, {
      token: c.committee,
      body: { decision: 'rejected', reason: '查无实据', decidedOn: '2026-12-04' },
    });
    expect(lateDecision.statusCode).toBe(422);
    expect((lateDecision.json() as ErrorJson).error.rule).toBe('VOT-LIST-PUBLISH');
    const decided = await t.call('POST', `/objections/${objectionId}/decision`, {
      token: c.committee,
      body: { decision: 'rejected', reason: '查无实据', decidedOn: '2026-12-03' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'rejected', decidedOn: '2026-12-03' });
    const twice = await t.call('POST', `/objections/${objectionId}/decision`, { token: c.committee, body: { decision: 'upheld', reason: 'x', decidedOn: '2026-12-03' } });
    expect(twice.statusCode).toBe(409);
  });

  it('lists the objections in the order filed (one page) with the voter list publication, masked, for the community only', async () => {
    const { c, voterId } = await published();
    const empty = await t.call('GET', `/communities/${c.id}/objections`, { token: c.committee });
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ items: [], voterList: { publishedOn: '2026-11-25', noticeNo: expect.any(Number) } });
    await file(c.committee, c.id, { kind: 'remove', voterId, filedOn: '2026-11-26' });
    await file(c.committee, c.id, { kind: 'add', person: { idNumber: idNumber('1980-02-02', 81), name: '钱七', residency: 'registered' }, filedOn: '2026-11-27' });
    const list = (await t.call('GET', `/communities/${c.id}/objections`, { token: c.committee })).json() as {
      items: { kind: string; status: string; filedOn: string; person: { idNumber: string } | null }[];
    };
    expect(list.items.map((o) => [o.kind, o.filedOn, o.status])).toEqual([
      ['remove', '2026-11-26', 'pending'],
      ['add', '2026-11-27', 'pending'],
    ]);
    expect(list.items[1]!.person!.idNumber).toContain('********');
  });

  it('an upheld remove deletes the registration; an upheld add registers through the same checks', async () => {
    const { c, voterId } = await published();
    const remove = (await file(c.committee, c.id, { kind: 'remove', voterId, filedOn: '2026-11-28' })).json() as { id: string };
    const res = await t.call('POST', `/objections/${remove.id}/decision`, { token: c.committee, body: { decision: 'upheld', reason: '已迁出', decidedOn: '2026-11-30' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.call('GET', `/communities/${c.id}/voters`, { token: c.committee })).json()).toMatchObject({ total: 0 });

    const minor = (
      await file(c.committee, c.id, { kind: 'add', person: { idNumber: idNumber('2009-01-01', 91), name: '少年', residency: 'registered' }, filedOn: '2026-11-28' })
    ).json() as { id: string; person: { idNumber: string } };
    expect(minor.person.idNumber).toContain('********');
    const refused = await t.call('POST', `/objections/${minor.id}/decision`, { token: c.committee, body: { decision: 'upheld', reason: '漏登', decidedOn: '2026-11-30' } });
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as ErrorJson).error.rule).toBe('VOT-AGE');

    const adult = (
      await file(c.committee, c.id, { kind: 'add', person: { idNumber: idNumber('1980-01-01', 93), name: '成年', residency: 'registered' }, filedOn: '2026-11-28' })
    ).json() as { id: string };
    const added = await t.call('POST', `/objections/${adult.id}/decision`, { token: c.committee, body: { decision: 'upheld', reason: '漏登', decidedOn: '2026-11-30' } });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ status: 'upheld', registered: { name: '成年', source: 'objection' } });
    const audits = rows<{ action: string }>(
      await t.testDb.database.db.execute(sql`select action from audit_log where entity in ('objection', 'voter') and action in ('remove', 'decide', 'register') order by seq`),
    );
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['remove', 'decide', 'register']));
  });

  it('an upheld correct replaces the details through the same checks and keeps the voter', async () => {
    const { c, voterId } = await published();
    const missing = await file(c.committee, c.id, { kind: 'correct', voterId, filedOn: '2026-11-28' });
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as ErrorJson).error.messageZh).toContain('更正');
    const decide = (id: string) => t.call('POST', `/objections/${id}/decision`, { token: c.committee, body: { decision: 'upheld', reason: '姓名录错', decidedOn: '2026-11-30' } });

    // a correction to an unfit registration is refused like a registration, and leaves the voter as it was
    const unfit = (
      await file(c.committee, c.id, { kind: 'correct', voterId, person: { idNumber: idNumber('1970-07-07', 71), name: '赵六', residency: '外地' as never }, filedOn: '2026-11-28' })
    );
    expect(unfit.statusCode).toBe(400);
    const minor = (
      await file(c.committee, c.id, {
        kind: 'correct',
        voterId,
        person: { idNumber: idNumber('2010-07-07', 71), name: '赵六', residency: 'registered' },
        filedOn: '2026-11-28',
      })
    ).json() as { id: string };
    const refused = await decide(minor.id);
    expect(refused.statusCode).toBe(422);
    expect((refused.json() as ErrorJson).error.rule).toBe('VOT-AGE');

    const fixed = (
      await file(c.committee, c.id, {
        kind: 'correct',
        voterId,
        person: { idNumber: idNumber('1970-07-07', 71), name: '赵陆', residency: 'registered', address: '张掖路2号' },
        filedOn: '2026-11-28',
      })
    ).json() as { id: string };
    const res = await decide(fixed.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'upheld', corrected: { id: voterId, name: '赵陆', address: '张掖路2号' } });
    const list = (await t.call('GET', `/communities/${c.id}/voters`, { token: c.committee })).json() as { total: number; items: { id: string; name: string }[] };
    expect(list).toMatchObject({ total: 1, items: [{ id: voterId, name: '赵陆' }] });
    const audit = rows<{ before: { name: string; idNumber: string }; after: { name: string } }>(
      await t.testDb.database.db.execute(sql`select before, after from audit_log where entity = 'voter' and action = 'correct' and entity_id = ${voterId}`),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.before.name).toBe('赵六');
    expect(audit[0]!.before.idNumber).toContain('********');
    expect(audit[0]!.after.name).toBe('赵陆');
  });

  it('no objection before the list is published', async () => {
    const { c } = await setup(t);
    const res = await file(c.committee, c.id, { kind: 'add', person: { idNumber: idNumber('1980-01-01', 95), name: '甲', residency: 'registered' } });
    expect(res.statusCode).toBe(422);
    expect((res.json() as ErrorJson).error.rule).toBe('VOT-LIST-PUBLISH');
  });
});

describe('resident roster and missing registrations (VOT-COMPLETE)', () => {
  it('lists adults of the roster not registered, until explained', async () => {
    const { s, c } = await setup(t);
    const registered = idNumber('1970-01-01', 201);
    const missing = idNumber('1971-01-01', 203);
    const child = idNumber('2012-01-01', 205);
    expect((await register(c.committee, c.id, registered, '已登记')).statusCode).toBe(201);
    const csv = ['身份证号码,姓名', `${registered},已登记`, `${missing},漏登者`, `${child},儿童`, '123,错号'].join('\n');
    const res = await t.call('POST', `/communities/${c.id}/roster`, { token: c.committee, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 3, duplicates: 0, rejected: [{ row: 5, code: 'VOT-ID' }] });
    const check = await t.call('GET', `/communities/${c.id}/voters/missing`, { token: s.street });
    expect(check.statusCode, check.body).toBe(200);
    const body = check.json() as { status: string; message: string; missing: { rosterEntryId: string; name: string; idNumber: string }[] };
    expect(body.status).toBe('warning');
    expect(body.missing.map((m) => m.name)).toEqual(['漏登者']);
    expect(body.missing[0]!.idNumber).toContain('********');
    expect(body.message).toContain('1名');
    const explained = await t.call('POST', `/communities/${c.id}/voters/missing/${body.missing[0]!.rosterEntryId}/explanation`, {
      token: c.committee,
      body: { text: '长期在外地工作，本人放弃登记' },
    });
    expect(explained.statusCode, explained.body).toBe(200);
    expect((await t.call('GET', `/communities/${c.id}/voters/missing`, { token: c.committee })).json()).toMatchObject({ status: 'pass', unexplained: 0 });
  });
});
