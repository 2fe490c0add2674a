/**
 * Lawful round 3: a withdrawal and backfill never lead to a filing that can never pass. The list republished after
 * the withdrawal is lawful under CAN-WITHDRAW although it is less than 5 days before election day (the checks page
 * says so, from the registry); the withdrawal itself is refused when it is later than the profile allows, measured
 * against today and not only against the date in the body.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, type Community } from './election-fixture.js';

let t: TestApp;
const NAMES = ['丁一', '王二', '刘三'];

beforeAll(async () => {
  // Today is 2026-12-22: four days before the 26th.
  t = await createTestApp({ today: '2026-12-22' });
});
afterAll(async () => t?.close());

async function setUp(electionDay = '2026-12-26'): Promise<{ c: Community; ids: string[] }> {
  const c = await createCommunity(t, { names: NAMES, electionDay });
  const ids: string[] = [];
  for (const name of NAMES) {
    const res = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: c.byName[name], basis: 'committee', consent: true } });
    expect(res.statusCode, res.body).toBe(201);
    ids.push((res.json() as { id: string }).id);
  }
  const pub = await t.call('POST', `/communities/${c.id}/candidates/publish`, {
    token: c.committee,
    body: { contest: 'director', publishedOn: '2026-12-18', nominationIds: ids.slice(0, 2) },
  });
  expect(pub.statusCode, pub.body).toBe(201);
  return { c, ids };
}

type Check = { rule: string; status: string; messageZh?: string };

describe(`CAN-WITHDRAW and CAN-LIST-NOTICE after a backfill, on ${dbKind}`, () => {
  it('a list republished 4 days before election day after a withdrawal passes CAN-LIST-NOTICE on the checks page', async () => {
    const { c, ids } = await setUp();
    const w = await t.call('POST', `/nominations/${ids[0]}/withdraw`, { token: c.committee, body: { on: '2026-12-22' } });
    expect(w.statusCode, w.body).toBe(200);
    expect((w.json() as { list: { version: number; publishedOn: string; candidates: { name: string }[] } }).list).toMatchObject({
      version: 2,
      publishedOn: '2026-12-22',
      candidates: [{ name: '王二' }, { name: '刘三' }],
    });
    const checks = await t.call('GET', `/communities/${c.id}/checks`, { token: c.committee });
    expect(checks.statusCode, checks.body).toBe(200);
    const items = checks.json() as Check[];
    const notice = items.find((i) => i.rule === 'CAN-LIST-NOTICE')!;
    expect(notice.status, JSON.stringify(notice)).toBe('pass');
  });

  it('a list first published 4 days before election day (no withdrawal) fails CAN-LIST-NOTICE on the checks page', async () => {
    const c = await createCommunity(t, { names: NAMES });
    const ids: string[] = [];
    for (const name of NAMES) {
      const res = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: c.byName[name], basis: 'committee', consent: true } });
      ids.push((res.json() as { id: string }).id);
    }
    const late = await t.call('POST', `/communities/${c.id}/candidates/publish`, { token: c.committee, body: { contest: 'director', publishedOn: '2026-12-22', nominationIds: ids.slice(0, 2) } });
    expect(late.statusCode, late.body).toBe(422);
    expect(late.json()).toMatchObject({ error: { rule: 'CAN-LIST-NOTICE', messageZh: '正式候选人名单应于选举日前5日公布，实际提前4日' } });
  });

  it('refuses a withdrawal back-dated in the body when today is already past the profile\'s limit', async () => {
    // Election on the 24th: today (22nd) is 2 days before, the limit is 3; the body says the 19th.
    const { c, ids } = await setUp('2026-12-24');
    const w = await t.call('POST', `/nominations/${ids[0]}/withdraw`, { token: c.committee, body: { on: '2026-12-19' } });
    expect(w.statusCode, w.body).toBe(422);
    expect(w.json()).toMatchObject({ error: { rule: 'CAN-WITHDRAW', messageZh: '候选人退出应在选举日前3日之前提出，实际提前2日' } });
    // Nothing changed: the nomination is still a candidate.
    const list = await t.call('GET', `/communities/${c.id}/nominations?contest=director`, { token: c.committee });
    expect(list.statusCode, list.body).toBe(200);
    const rows = (list.json() as { items: { id: string; status: string }[] }).items;
    expect(rows.find((r) => r.id === ids[0])!.status).toBe('candidate');
  });
});
