/**
 * Lawful round 8: an upheld objection to the voter list changes the list (adds, removes or corrects the voter),
 * audited, and the list is published again: a new notice, the publication naming the objection, and the voter-list
 * paper showing the change. The republication keeps the committee's publication for the notice days and the
 * objection window (VOT-LIST-PUBLISH): it does not reopen objections.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText, squash } from '../pdf/support.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { idNumber, setup, type ErrorJson } from './registration-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-06' });
});
afterAll(async () => t?.close());

const rows = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A community with its election notice (第1号), one voter 赵六 and the voter list published on 2026-11-25 (第2号). */
async function published() {
  const { c } = await setup(t, { time: '上午9时', place: '社区居委会会议室' });
  const notice = await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-10-01' } });
  expect(notice.statusCode, notice.body).toBe(201);
  const voter = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: idNumber('1970-07-07', 71), name: '赵六', residency: 'registered' } });
  expect(voter.statusCode, voter.body).toBe(201);
  const list = await t.call('POST', `/communities/${c.id}/voter-list/publish`, { token: c.committee, body: { publishedOn: '2026-11-25' } });
  expect(list.statusCode, list.body).toBe(201);
  return { c, voterId: (voter.json() as { id: string }).id };
}

const file = (token: string, id: string, body: Record<string, unknown>) =>
  t.call('POST', `/communities/${id}/objections`, { token, body: { reason: '登记有误', filedBy: '居民甲', ...body } });
const decide = (token: string, id: string, decision: 'upheld' | 'rejected', decidedOn: string) =>
  t.call('POST', `/objections/${id}/decision`, { token, body: { decision, reason: '经核实', decidedOn } });

async function voterListPaper(token: string, communityId: string): Promise<string> {
  const res = await t.call('GET', `/communities/${communityId}/documents/voter-list.pdf`, { token });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return squash(pdfText(res.rawPayload));
}

describe(`an upheld objection republishes the voter list, on ${dbKind}`, () => {
  it('a correction changes the voter, is audited, and the list is published again with a new notice that the paper shows', async () => {
    const { c, voterId } = await published();
    const objection = await file(c.committee, c.id, {
      kind: 'correct',
      voterId,
      person: { idNumber: idNumber('1970-07-07', 71), name: '赵陆', residency: 'registered' },
      filedOn: '2026-11-28',
    });
    expect(objection.statusCode, objection.body).toBe(201);
    const { id } = objection.json() as { id: string };

    const res = await decide(c.committee, id, 'upheld', '2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'upheld',
      corrected: { id: voterId, name: '赵陆' },
      republished: { publishedOn: '2026-11-30', noticeNo: 3, voters: 1, objectionId: id },
    });

    // The objections screen shows the republished list; the publication names the objection.
    const screen = (await t.call('GET', `/communities/${c.id}/objections`, { token: c.committee })).json() as { voterList: unknown };
    expect(screen.voterList).toEqual({ publishedOn: '2026-11-30', noticeNo: 3 });
    const db = t.testDb.database.db;
    const publications = rows<{ published_on: string; notice_no: number; objection_id: string | null }>(
      await db.execute(sql`select published_on::text, notice_no, objection_id from voter_list_publications where community_id = ${c.id} order by notice_no`),
    );
    expect(publications).toEqual([
      { published_on: '2026-11-25', notice_no: 2, objection_id: null },
      { published_on: '2026-11-30', notice_no: 3, objection_id: id },
    ]);
    const audits = rows<{ entity: string; action: string }>(
      await db.execute(
        sql`select entity, action from audit_log where (entity = 'voter' and entity_id = ${voterId}) or (entity = 'voter-list' and action = 'republish' and after->>'objectionId' = ${id}) order by seq`,
      ),
    );
    expect(audits).toEqual(expect.arrayContaining([{ entity: 'voter', action: 'correct' }, { entity: 'voter-list', action: 'republish' }]));

    // The paper: the corrected name under the new notice; the objection window still from the committee's 25th.
    const paper = await voterListPaper(c.committee, c.id);
    expect(paper).toContain('赵陆');
    expect(paper).not.toContain('赵六');
    expect(paper).toContain('第3号');
    expect(paper).toContain('本名单已根据选举委员会对申诉的处理决定补正，于2026年11月30日重新公布。');
    expect(paper).toContain('即2026年11月30日前');
    expect(paper).toContain('公布日期：2026年11月25日');
  });

  it('an upheld add and remove republish too; a rejected objection does not; the republication does not reopen objections', async () => {
    const { c, voterId } = await published();
    const add = (await file(c.committee, c.id, { kind: 'add', person: { idNumber: idNumber('1980-01-01', 93), name: '成年', residency: 'registered' }, filedOn: '2026-11-26' })).json() as { id: string };
    const remove = (await file(c.committee, c.id, { kind: 'remove', voterId, filedOn: '2026-11-27' })).json() as { id: string };
    const rejected = (await file(c.committee, c.id, { kind: 'remove', voterId, filedOn: '2026-11-27' })).json() as { id: string };

    const none = await decide(c.committee, rejected.id, 'rejected', '2026-11-28');
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).not.toHaveProperty('republished');
    const added = await decide(c.committee, add.id, 'upheld', '2026-11-28');
    expect(added.json()).toMatchObject({ registered: { name: '成年' }, republished: { publishedOn: '2026-11-28', noticeNo: 3, voters: 2 } });
    const removed = await decide(c.committee, remove.id, 'upheld', '2026-11-29');
    expect(removed.json()).toMatchObject({ removed: { id: voterId }, republished: { publishedOn: '2026-11-29', noticeNo: 4, voters: 1 } });

    const paper = await voterListPaper(c.committee, c.id);
    expect(paper).toContain('成年');
    expect(paper).not.toContain('赵六');
    expect(paper).toContain('第4号');

    // Five days from the 29th would be the 4th, but the window counts from the committee's publication (the 25th).
    const late = await file(c.committee, c.id, { kind: 'add', person: { idNumber: idNumber('1981-01-01', 95), name: '迟到', residency: 'registered' }, filedOn: '2026-12-04' });
    expect(late.statusCode, late.body).toBe(422);
    expect((late.json() as ErrorJson).error.rule).toBe('VOT-LIST-PUBLISH');
  });
});
