/**
 * Issue 21, joint qualification review (候选人资格联审, CAN-VETTING): the street names the departments and switches
 * `review-2021` on; department reviewers (a role scoped to a district's department) record 通过/不通过; the formal
 * list refuses a refused or pending name; the committee, the street and the paper read the same reviews.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { candidateLists, reviewDepartments } from '../../src/db/schema.js';
import { createTestApp, tokenAs, USER_PASSWORD, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, tokenFor, type Community } from './election-fixture.js';

let t: TestApp;
const NAMES = ['赵五', '李四', '丁一', '刘三', '王二', '钱六', '孙七'];
const DEPARTMENTS = ['纪委监委', '公安', '法院'];

interface Vetting {
  option: string | null;
  departments: { id: string; name: string }[];
  candidates: { nominationId: string; name: string; verdict: string; pending: string[]; status: string; reviews: { department: string; decision: string; reason: string | null }[] }[];
  counts: { pass: number; fail: number; pending: number };
}

const pdfText = (pdf: Buffer): string => {
  const file = join(mkdtempSync(join(tmpdir(), 'vetting-')), 'v.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
};

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
});
afterAll(async () => t?.close());

async function setUp(option: 'review-2021' | null) {
  const c = await createCommunity(t, { names: NAMES });
  const street = await tokenFor(t, 'street', c.streetId);
  const configured = await t.call('PUT', `/rounds/${c.roundId}/vetting`, { token: street, body: { option, departments: DEPARTMENTS } });
  expect(configured.statusCode, configured.body).toBe(200);
  const vetting = configured.json() as Vetting;
  const reviewers = Object.fromEntries(
    await Promise.all(vetting.departments.map(async (d) => [d.name, await tokenAs(t.app, { role: 'reviewer', scopeId: d.id })] as const)),
  ) as Record<string, string>;
  const ids: Record<string, string> = {};
  for (const name of NAMES.slice(0, 6)) {
    const res = await t.call('POST', `/communities/${c.id}/nominations`, { token: c.committee, body: { contest: 'member', voterId: c.byName[name], basis: 'committee', consent: true } });
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = (res.json() as { id: string }).id;
  }
  return { c, street, vetting, reviewers, ids };
}

const review = (token: string, nominationId: string, body: Record<string, unknown>) => t.call('POST', `/nominations/${nominationId}/vetting`, { token, body });
const publish = (c: Community, body: Record<string, unknown> = {}) =>
  t.call('POST', `/communities/${c.id}/candidates/publish`, { token: c.committee, body: { contest: 'member', publishedOn: '2026-12-20', ...body } });

describe(`joint qualification review on ${dbKind}`, () => {
  it('CAN-VETTING: a round with review-2021 cannot publish a list while a review is pending or a department says 不通过', async () => {
    const { c, street, vetting, reviewers, ids } = await setUp('review-2021');
    expect(vetting.option).toBe('review-2021');
    expect(vetting.departments.map((d) => d.name)).toEqual(DEPARTMENTS);

    // Nobody reviewed yet: the committee sees every department pending, and the list is refused (pending).
    const pending = (await t.call('GET', `/communities/${c.id}/vetting`, { token: c.committee })).json() as Vetting;
    expect(pending.candidates).toHaveLength(6);
    for (const cand of pending.candidates) expect(cand.pending).toEqual(DEPARTMENTS);
    const early = await publish(c);
    expect(early.statusCode).toBe(422);
    const earlyError = (early.json() as { error: { rule: string; details: { violations: { details: { reason: string; name: string } }[] } } }).error;
    expect(earlyError.rule).toBe('CAN-VETTING');
    expect(earlyError.details.violations.map((v) => [v.details.name, v.details.reason]).sort()).toEqual(NAMES.slice(0, 6).map((n) => [n, 'pending']).sort());

    // 不通过 needs a reason.
    expect((await review(reviewers['公安']!, ids['钱六']!, { decision: 'fail' })).statusCode).toBe(400);
    // Every department passes everyone, except 公安 for 钱六.
    for (const [dept, token] of Object.entries(reviewers)) {
      for (const [name, id] of Object.entries(ids)) {
        const res = await review(token, id, dept === '公安' && name === '钱六' ? { decision: 'fail', reason: '有违法犯罪记录' } : { decision: 'pass' });
        expect(res.statusCode, res.body).toBe(200);
      }
    }
    const refused = await publish(c);
    expect(refused.statusCode).toBe(422);
    const error = (refused.json() as { error: { rule: string; messageZh: string } }).error;
    expect(error.rule).toBe('CAN-VETTING');
    expect(error.messageZh).toBe('钱六未通过候选人资格联审（公安：有违法犯罪记录），不得列入正式候选人名单');

    // Without 钱六 the five others make the list (4 seats, 20% surplus).
    const listed = await publish(c, { nominationIds: NAMES.slice(0, 5).map((n) => ids[n]) });
    expect(listed.statusCode, listed.body).toBe(201);

    // The street's grid and the community's checks say the same.
    const grid = (await t.call('GET', `/rounds/${c.roundId}/vetting`, { token: street })).json() as Vetting;
    expect(grid.counts).toEqual({ pass: 5, fail: 1, pending: 0 });
    expect(grid.candidates.find((x) => x.name === '钱六')!.reviews.find((r) => r.department === '公安')).toMatchObject({ decision: 'fail', reason: '有违法犯罪记录' });
    // A withdrawal does not backfill the refused 钱六 (the only preliminary left): the place stays empty.
    const withdrawn = await t.call('POST', `/nominations/${ids['赵五']}/withdraw`, { token: c.committee, body: { on: '2026-12-21' } });
    expect(withdrawn.statusCode, withdrawn.body).toBeLessThan(300);
    const [current] = await t.testDb.database.db
      .select()
      .from(candidateLists)
      .where(and(eq(candidateLists.communityId, c.id), eq(candidateLists.contest, 'member'), eq(candidateLists.current, true)));
    expect((current!.candidates as { name: string }[]).map((x) => x.name).sort()).toEqual(['丁一', '刘三', '李四', '王二'].sort());
    const checks = (await t.call('GET', `/communities/${c.id}/checks`, { token: c.committee })).json() as { items?: { rule: string; status: string }[] } | { rule: string; status: string }[];
    const items = Array.isArray(checks) ? checks : checks.items!;
    expect(items.find((x) => x.rule === 'CAN-VETTING')!.status).toBe('pass');
  });

  it('CAN-VETTING is off without the option: the seed presets publish whatever the departments say', async () => {
    const { c, reviewers, ids } = await setUp(null);
    expect((await review(reviewers['公安']!, ids['赵五']!, { decision: 'fail', reason: '信访问题未结' })).statusCode).toBe(200);
    const res = await publish(c);
    expect(res.statusCode, res.body).toBe(201);
    const checks = (await t.call('GET', `/communities/${c.id}/checks`, { token: c.committee })).json() as { items?: { rule: string; status: string; severity: string }[] };
    const items = Array.isArray(checks) ? (checks as { rule: string; status: string; severity: string }[]) : checks.items!;
    expect(items.find((x) => x.rule === 'CAN-VETTING')).toMatchObject({ status: 'n/a', severity: 'off' });
  });

  it('a reviewer reviews only in its district and for a department the round names; every review is audited', async () => {
    const { c, reviewers, ids } = await setUp('review-2021');
    const other = await setUp('review-2021');
    // Another district's 公安 reviewer: 403 before anything.
    expect((await review(other.reviewers['公安']!, ids['赵五']!, { decision: 'pass' })).statusCode).toBe(403);
    // A department of the same district that this round does not name.
    const [extra] = await t.testDb.database.db.insert(reviewDepartments).values({ districtId: c.districtId, name: '卫健' }).returning();
    const outsider = await tokenAs(t.app, { role: 'reviewer', scopeId: extra!.id });
    expect((await review(outsider, ids['赵五']!, { decision: 'pass' })).statusCode).toBe(403);
    // A reviewer reads the grid but cannot configure it, nor read a community's committee screens.
    expect((await t.call('GET', `/rounds/${c.roundId}/vetting`, { token: reviewers['法院'] })).statusCode).toBe(200);
    expect((await t.call('PUT', `/rounds/${c.roundId}/vetting`, { token: reviewers['法院'], body: { option: null, departments: [] } })).statusCode).toBe(403);
    expect((await review(c.committee, ids['赵五']!, { decision: 'pass' })).statusCode).toBe(403);
    // A second review replaces the first; both are in the audit log with before and after.
    expect((await review(reviewers['法院']!, ids['赵五']!, { decision: 'fail', reason: '待核实' })).statusCode).toBe(200);
    expect((await review(reviewers['法院']!, ids['赵五']!, { decision: 'pass' })).statusCode).toBe(200);
    const audit = (await t.call('GET', `/audit?entity=nomination&entityId=${ids['赵五']}`, { token: t.adminToken })).json() as {
      items: { action: string; before: { decision?: string } | null; after: { decision: string } }[];
    };
    const reviews = audit.items.filter((a) => a.action === 'vetting-review');
    expect(reviews.map((a) => a.after.decision).sort()).toEqual(['fail', 'pass']);
    expect(reviews.some((a) => a.before?.decision === 'fail')).toBe(true);
    // The admin creates a reviewer user scoped to a department; a scope that is no department is refused.
    const dept = (await t.call('GET', `/rounds/${c.roundId}/vetting`, { token: reviewers['法院'] })).json() as Vetting;
    const created = await t.call('POST', '/users', { token: t.adminToken, body: { username: `gongan-${Date.now()}`, password: USER_PASSWORD, role: 'reviewer', scopeId: dept.departments[1]!.id } });
    expect(created.statusCode, created.body).toBe(201);
    const wrong = await t.call('POST', '/users', { token: t.adminToken, body: { username: `bad-${Date.now()}`, password: USER_PASSWORD, role: 'reviewer', scopeId: c.id } });
    expect(wrong.statusCode).toBe(404);
  });

  it('prints the vetting report (资格联审情况表) per community', async () => {
    const { c, reviewers, ids } = await setUp('review-2021');
    await review(reviewers['纪委监委']!, ids['丁一']!, { decision: 'pass' });
    await review(reviewers['公安']!, ids['丁一']!, { decision: 'fail', reason: '正在接受调查' });
    const res = await t.call('GET', `/communities/${c.id}/vetting.pdf`, { token: c.committee });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('候选人资格联审情况表');
    expect(text).toContain('张掖路社区');
    expect(text).toContain('经纪委监委、公安、法院等3个部门联审：通过0人，不通过1人，尚待审查5人');
    expect(text).toContain('公安（正在接受调查）');
    for (const name of NAMES.slice(0, 6)) expect(text).toContain(name);
    expect(text).toContain('第1页共1页');
  });
});
