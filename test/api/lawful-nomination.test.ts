/**
 * Lawful round 7: the election committee's own nomination (组织提名) records the nominee's consent (本人同意) and is
 * refused without it (CAN-NOMINATION); the preliminary list (预备人选) reported to the street must already hold the
 * surplus the official list needs (CAN-SURPLUS), so the committee learns it while a further nomination is possible.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, type Community } from './election-fixture.js';

let t: TestApp;
const NAMES = ['丁一', '王二', '刘三', '李四', '赵五'];

beforeAll(async () => {
  // Today is 2026-12-04: before lanzhou's preliminary-report deadline (12-06), election day 2026-12-26.
  t = await createTestApp({ today: '2026-12-04' });
});
afterAll(async () => t?.close());

type ErrorJson = { error: { code: string; rule?: string; messageZh: string } };

const nominate = (c: Community, name: string, extra: Record<string, unknown> = {}) =>
  t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'director', voterId: c.byName[name], basis: 'committee', ...extra } });

const report = (c: Community, body: Record<string, unknown>) =>
  t.call('POST', `/communities/${c.id}/candidates/preliminary-report`, { token: c.committee, body: { reportedOn: '2026-12-04', ...body } });

const count = async (query: ReturnType<typeof sql>): Promise<number> =>
  ((await t.testDb.database.db.execute(query)) as unknown as { rows: { n: number }[] }).rows[0]!.n;

describe(`CAN-NOMINATION: the committee's nomination needs the nominee's consent, on ${dbKind}`, () => {
  it('is refused without consent (absent or false), nothing stored; with consent it stands and the consent is recorded and audited', async () => {
    const c = await createCommunity(t, { names: NAMES });
    for (const extra of [{}, { consent: false }]) {
      const refused = await nominate(c, '丁一', extra);
      expect(refused.statusCode, refused.body).toBe(422);
      expect((refused.json() as ErrorJson).error).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'CAN-NOMINATION',
        messageZh: '选举委员会提名（组织提名）须经被提名人本人同意，请先取得并登记本人同意',
      });
    }
    expect(await count(sql`select count(*)::int as n from nominations where community_id = ${c.id}`)).toBe(0);

    const made = await nominate(c, '丁一', { consent: true });
    expect(made.statusCode, made.body).toBe(201);
    const nomination = made.json() as { id: string; basis: string; consent: boolean };
    expect(nomination).toMatchObject({ basis: 'committee', consent: true });
    const listed = (await t.call('GET', `/communities/${c.id}/nominations?contest=director`, { token: c.committee })).json() as { items: { id: string; consent: boolean }[] };
    expect(listed.items).toEqual([expect.objectContaining({ id: nomination.id, consent: true })]);
    expect(
      await count(sql`select count(*)::int as n from audit_log where entity = 'nomination' and action = 'create' and entity_id = ${nomination.id} and (after->>'consent')::boolean`),
    ).toBe(1);
  });
});

describe(`CAN-SURPLUS on the preliminary list, before the official list, on ${dbKind}`, () => {
  it('a preliminary list without the surplus is not reported: the committee is told how many more it needs', async () => {
    const c = await createCommunity(t, { names: NAMES });
    expect((await nominate(c, '丁一', { consent: true })).statusCode).toBe(201);
    const short = await report(c, { contest: 'director' });
    expect(short.statusCode, short.body).toBe(422);
    expect((short.json() as ErrorJson).error).toMatchObject({ rule: 'CAN-SURPLUS', messageZh: '应选1名，候选人应不少于2名（差额20%），实际1名' });
    expect(await count(sql`select count(*)::int as n from preliminary_reports where community_id = ${c.id}`)).toBe(0);

    // A further nomination gives the surplus: the report goes to the street with both names.
    expect((await nominate(c, '王二', { consent: true })).statusCode).toBe(201);
    const ok = await report(c, { contest: 'director' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as { nominees: { name: string }[] }).nominees.map((n) => n.name)).toEqual(['丁一', '王二']);
  });

  it('a withdrawn nominee does not count; four seats need five names, an equal list only by show of hands where the profile allows it', async () => {
    const c = await createCommunity(t, { names: NAMES });
    const ids: string[] = [];
    for (const name of NAMES) ids.push((((await nominate(c, name, { contest: 'member', consent: true })).json()) as { id: string }).id);
    const w = await t.call('POST', `/nominations/${ids[4]}/withdraw`, { token: c.committee, body: { on: '2026-12-04' } });
    expect(w.statusCode, w.body).toBe(200);
    const short = await report(c, { contest: 'member' });
    expect(short.statusCode, short.body).toBe(422);
    expect((short.json() as ErrorJson).error).toMatchObject({ rule: 'CAN-SURPLUS', messageZh: '应选4名，候选人应不少于5名（差额20%），实际4名' });
    // lanzhou-2010: an equal election by show of hands (根据多数居民意见).
    const equal = await report(c, { contest: 'member', ballot: 'show-of-hands' });
    expect(equal.statusCode, equal.body).toBe(201);
  });
});
