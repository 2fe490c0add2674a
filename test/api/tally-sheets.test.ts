/**
 * The tally sheet as scrutineers work on it: the claim (录入中), the kept draft, the check as typed, the blind second
 * entry, finishing with errors for the chief, and the chief's resolution (differences, send-back, discard).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { pdfText, squash } from '../pdf/support.js';
import { createCommunity, createMeeting, nominateAndPublish, result, type Community, type Meeting } from './election-fixture.js';

let t: TestApp;
let c: Community;
let ids: Record<string, string>;
const NAMES = ['丁一', '王二', '刘三'];

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
  c = await createCommunity(t, { names: NAMES, voters: 40 });
  ids = (await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] })).idOf;
});
afterAll(async () => t?.close());

interface Draft {
  id: string;
  fields: { field: string; labelZh: string; group: string }[];
  contestId: string;
  entryNumber: number;
  candidates: { id: string; name: string }[];
  figures: Record<string, unknown>;
  cleared: string[];
  state: string;
}
interface Sheet {
  contestId: string | null;
  contest: string;
  box: string;
  state: string;
  stateZh: string;
  needsChief: boolean;
  mine: string | null;
  blockedZh: string | null;
  entryIds?: string[];
}

const claim = (m: Meeting, token: string, extra: Record<string, unknown> = {}) =>
  t.call('POST', `/meetings/${m.id}/tally-drafts`, { token, body: { contest: 'director', box: 'main', ...extra } });
const draftUrl = (m: Meeting, d: Draft, tail = '') => `/meetings/${m.id}/tally-drafts/${d.id}${tail}`;
const sheets = async (m: Meeting, token: string) => ((await t.call('GET', `/meetings/${m.id}/tally-sheets`, { token })).json() as { sheets: Sheet[] }).sheets;
const figures = (a: number, b: number, extra: Record<string, unknown> = {}) => ({ issued: 30, returned: 30, valid: 28, invalid: 2, votes: { [ids['丁一']!]: a, [ids['王二']!]: b }, ...extra });
const submit = (m: Meeting, token: string, d: Draft, f: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  t.call('POST', draftUrl(m, d, '/submit'), { token, body: { figures: f, ...extra } });

async function open(m: Meeting, token: string): Promise<Draft> {
  const res = await claim(m, token);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Draft;
}

describe(`tally sheets on ${dbKind}`, () => {
  it('claims a sheet for one scrutineer, keeps the draft on the server, and tells the others why they may not enter', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const [a, b] = m.scrutineers as [string, string];
    expect((await sheets(m, a))[0]).toMatchObject({ contest: 'director', box: 'main', state: 'not-entered', stateZh: '未录入', blockedZh: null });

    const d = await open(m, a);
    expect(d).toMatchObject({ entryNumber: 1, state: 'in-progress', candidates: [{ name: expect.any(String) }, { name: expect.any(String) }] });
    const taken = await claim(m, b);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: { code: 'SHEET_CLAIMED', messageZh: '另一位计票人正在录入此计票单' } });
    expect((await sheets(m, b))[0]).toMatchObject({ state: 'in-progress', stateZh: '录入中', blockedZh: '另一位计票人正在录入此计票单' });
    // Nor may another scrutineer read, save or submit the draft.
    expect((await t.call('GET', draftUrl(m, d), { token: b })).statusCode).toBe(409);

    // 暂停（保留录入）: the figures typed so far stay on the server; the sheet reopens where it was left.
    const partial = { issued: 30, returned: null, votes: { [ids['丁一']!]: 20 } };
    expect((await t.call('PUT', draftUrl(m, d), { token: a, body: { figures: partial } })).statusCode).toBe(200);
    const reopened = await open(m, a);
    expect(reopened).toMatchObject({ id: d.id, figures: partial });

    // Deleting the input is explicit and frees the sheet.
    expect((await t.call('DELETE', draftUrl(m, d), { token: a })).json()).toMatchObject({ deleted: true });
    expect((await sheets(m, a))[0]).toMatchObject({ state: 'not-entered' });

    const first = await open(m, a);
    const saved = await submit(m, a, first, figures(20, 8));
    expect(saved.statusCode, saved.body).toBe(201);
    expect(saved.json()).toMatchObject({ status: 'pending', state: 'entered-once', stateZh: '已录入一次', messageZh: '已保存，请将计票单交给总监票人' });
    // The first typist may not make the second entry, and is told why.
    const again = await claim(m, a);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'ALREADY_ENTERED', messageZh: '您已完成此计票单的第一次录入，第二次录入须由另一位计票人完成' } });

    // The second entry is blind: no read of the second typist carries the first's figures.
    const second = await open(m, b);
    expect(second).toMatchObject({ entryNumber: 2, figures: {} });
    const entries = (await t.call('GET', `/meetings/${m.id}/tally-entries`, { token: b })).json() as { entries: Record<string, unknown>[] };
    expect(entries.entries).toEqual([expect.objectContaining({ issued: null, returned: null, invalid: null, votes: null })]);
    expect(JSON.stringify(await sheets(m, b))).not.toContain('"20"');
    const done = await submit(m, b, second, figures(20, 8));
    expect(done.json()).toMatchObject({ status: 'confirmed', state: 'confirmed' });
    expect(JSON.stringify(done.json())).not.toMatch(/mismatches|theirs/);

    // Confirmed sheets are read-only; a correction is a new pair with a reason.
    const closed = await claim(m, b);
    expect(closed.json()).toMatchObject({ error: { code: 'SHEET_CONFIRMED' } });
    const sheetId = (done.json() as { sheetId: string }).sheetId;
    const fix = await claim(m, b, { correctionOf: sheetId, reason: '复核发现唱票错误' });
    expect(fix.json()).toMatchObject({ entryNumber: 1, correctionOf: sheetId, reason: '复核发现唱票错误' });
    expect((await sheets(m, a))[0]).toMatchObject({ state: 'in-progress', sheetVersion: 2 });
  });

  it('checks the figures as typed, naming the fields; refuses returned above issued with the equation; flags an ineligible write-in', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const a = m.scrutineers[0]!;
    const d = await open(m, a);
    const check = async (f: Record<string, unknown>) =>
      (await t.call('POST', draftUrl(m, d, '/validate'), { token: a, body: { figures: f } })).json() as {
        errors: { rule: string; fields: string[]; equationZh: string | null }[];
        warnings: { rule: string; fields: string[]; messageZh: string }[];
      };
    expect(await check(figures(20, 8))).toEqual({ errors: [], warnings: [] });
    const over = await check(figures(20, 8, { returned: 31, valid: 29 }));
    expect(over.errors).toEqual([
      expect.objectContaining({ rule: 'CNT-BALLOTS', fields: ['returned', 'issued'], equationZh: '收回选票(31) > 发出选票(30)' }),
    ]);
    const votes = await check(figures(29, 0));
    expect(votes.errors).toEqual([
      expect.objectContaining({ rule: 'CNT-ARITH', fields: [`votes.${ids['丁一']}`], equationZh: '丁一得票(29) > 有效票(28)' }),
      expect.objectContaining({ rule: 'CNT-ARITH', fields: ['votes'], equationZh: '得票总数(29) > 有效票(28) × 应选名额(1)' }),
    ]);
    const stated = await check(figures(20, 7, { valid: 27 }));
    expect(stated.errors).toEqual([expect.objectContaining({ fields: ['returned', 'valid', 'invalid'], equationZh: '收回票数(30) ≠ 有效票(27) + 无效票(2)' })]);
    // Empty fields count as 0.
    expect((await check({ issued: 5 })).errors).toEqual([]);

    const writeIns = await check(figures(10, 8, { writeIns: [{ name: '刘三', votes: 3 }, { name: '不存在', votes: 2 }] }));
    expect(writeIns.errors).toEqual([]);
    expect(writeIns.warnings).toEqual([expect.objectContaining({ rule: 'CNT-WRITEIN', fields: ['writeIns.1'], messageZh: '另选人不存在不具备被选举资格' })]);
    const lookup = (name: string) => t.call('GET', `/meetings/${m.id}/write-ins/check?name=${encodeURIComponent(name)}`, { token: a });
    expect((await lookup('刘三')).json()).toEqual({ name: '刘三', eligible: true });
    expect((await lookup('不存在')).json()).toMatchObject({ name: '不存在', eligible: false });

    // A warning is passed only when checked against the paper; an error only by finishing with errors for the chief.
    const unchecked = await submit(m, a, d, figures(10, 8, { writeIns: [{ name: '不存在', votes: 2 }] }));
    expect(unchecked.json()).toMatchObject({ error: { code: 'WARNINGS_NOT_CHECKED' } });
    const refused = await submit(m, a, d, figures(20, 8, { returned: 31, valid: 29 }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: { rule: 'CNT-BALLOTS', details: { violations: [{ details: { equationZh: '收回选票(31) > 发出选票(30)' } }] } } });
    // Nothing typed is lost on a refused submit: the draft is still there.
    expect((await t.call('GET', draftUrl(m, d), { token: a })).statusCode).toBe(200);
  });

  it('sends a sheet finished with errors to the chief; the second entry waits; the chief sends it back or discards it', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const [a, b] = m.scrutineers as [string, string];
    const d = await open(m, a);
    const bad = await submit(m, a, d, figures(29, 8), { finishWithErrors: true });
    expect(bad.json()).toMatchObject({ status: 'pending', state: 'entered-once' });
    expect((await sheets(m, m.chief))[0]).toMatchObject({ state: 'entered-once', needsChief: true });
    expect((await claim(m, b)).json()).toMatchObject({ error: { code: 'ENTRY_WITH_ERRORS' } });

    const diff = (await t.call('GET', `/meetings/${m.id}/tally-sheets/differences?contestId=${d.contestId}&box=main`, { token: m.chief })).json() as {
      entries: { id: string; errors: { rule: string }[] }[];
    };
    expect(diff.entries).toEqual([expect.objectContaining({ errors: expect.arrayContaining([expect.objectContaining({ rule: 'CNT-ARITH' })]) })]);
    const back = await t.call('POST', `/tally-entries/${diff.entries[0]!.id}/send-back`, { token: m.chief, body: { reason: '请核对丁一得票' } });
    expect(back.statusCode, back.body).toBe(200);
    // Back with its typist, figures kept, reopened where it was.
    expect(await open(m, a)).toMatchObject({ figures: { issued: 30, votes: { [ids['丁一']!]: 29 } } });
  });

  it('shows the chief only the differing fields; keeps one entry, sends the other back with those fields cleared; the typist re-enters', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const [a, b] = m.scrutineers as [string, string];
    await submit(m, a, await open(m, a), figures(20, 8));
    const wrong = await submit(m, b, await open(m, b), figures(2, 8));
    expect(wrong.json()).toMatchObject({ status: 'pending', state: 'mismatch', stateZh: '两次不一致' });
    const [s] = await sheets(m, m.chief);
    expect(s).toMatchObject({ state: 'mismatch', needsChief: true, entryIds: [expect.any(String), expect.any(String)] });
    expect((await claim(m, m.scrutineers[2]!)).json()).toMatchObject({ error: { code: 'SHEET_MISMATCH' } });
    // Only the chief reads the differences.
    const url = `/meetings/${m.id}/tally-sheets/differences?contestId=${s!.contestId}&box=main`;
    expect((await t.call('GET', url, { token: a })).statusCode).toBe(403);
    const diff = (await t.call('GET', url, { token: m.chief })).json() as { fields: unknown[]; entries: { id: string }[] };
    expect(diff.fields).toEqual([{ field: `votes.${ids['丁一']}`, labelZh: '丁一 得票', values: [20, 2] }]);

    const back = await t.call('POST', `/tally-entries/${diff.entries[1]!.id}/send-back`, { token: m.chief, body: {} });
    expect(back.json()).toMatchObject({ cleared: [`votes.${ids['丁一']}`] });
    const redo = await open(m, b);
    expect(redo).toMatchObject({ cleared: [`votes.${ids['丁一']}`], figures: { issued: 30, votes: { [ids['丁一']!]: null, [ids['王二']!]: 8 } } });
    const fixed = await submit(m, b, redo, figures(20, 8));
    expect(fixed.json()).toMatchObject({ status: 'confirmed' });
    expect((await result(t, m, c.committee)).contests[0]).toMatchObject({ elected: [{ name: '丁一', votes: 20 }] });
  });

  it('shows the quorum live: numbers, yes or no, and the rule', async () => {
    const m = await createMeeting(t, c, { expected: 40 });
    const q = async () => (await t.call('GET', `/meetings/${m.id}/quorum`, { token: c.committee })).json() as Record<string, unknown>;
    expect(await q()).toMatchObject({ expected: 40, present: 0, recorded: false, quorate: false, rule: 'MTG-QUORUM-RC', ruleZh: '登记选民须超过应到人数的二分之一参加，选举方为有效' });
    await t.call('POST', `/meetings/${m.id}/attendance`, { token: c.committee, body: { present: 20 } });
    expect(await q()).toMatchObject({ present: 20, recorded: true, quorate: false, messageZh: expect.stringContaining('实到20人') });
    await t.call('POST', `/meetings/${m.id}/attendance`, { token: c.committee, body: { present: 21 } });
    expect(await q()).toMatchObject({ present: 21, quorate: true, messageZh: null });
  });

  it('prints blank tally sheets per contest and box with the lines in the order of the entry screen', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30, boxes: [{ name: 'main', kind: 'main' }, { name: '流动票箱1', kind: 'mobile', monitors: ['甲', '乙', '丙'] }] });
    const d = await open(m, m.scrutineers[0]!);
    const res = await t.call('GET', `/meetings/${m.id}/tally-sheets/blank.pdf`, { token: c.committee });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = squash(pdfText(res.rawPayload));
    const order = d.fields.map((f: { labelZh: string; group: string }) => (f.group === 'write-ins' ? '另选他人' : f.labelZh));
    let at = 0;
    for (const label of order) {
      const next = text.indexOf(label, at);
      expect(next, `${label} after position ${at}`).toBeGreaterThanOrEqual(at);
      at = next;
    }
    expect(text).toContain('票箱：流动票箱1');
    expect(d.fields.slice(0, 4).map((f: { labelZh: string }) => f.labelZh)).toEqual(['发出选票', '收回选票', '有效票', '无效票']);
  });

  it('refuses to send back while the kept entry has errors; discarding both frees the sheet', async () => {
    const m = await createMeeting(t, c, { expected: 40, present: 30 });
    const [a, b] = m.scrutineers as [string, string];
    // Returned above issued does not stop the comparison (the paper may say so), but it is an error of the entry.
    await submit(m, a, await open(m, a), figures(20, 8, { returned: 31, invalid: 3 }), { finishWithErrors: true });
    await submit(m, b, await open(m, b), figures(20, 7));
    const [s] = await sheets(m, m.chief);
    expect(s).toMatchObject({ state: 'mismatch' });
    const [first, second] = s!.entryIds!;
    const refused = await t.call('POST', `/tally-entries/${second}/send-back`, { token: m.chief, body: {} });
    expect(refused.json()).toMatchObject({ error: { code: 'KEPT_ENTRY_HAS_ERRORS' } });
    for (const id of [first, second]) expect((await t.call('POST', `/tally-entries/${id}/discard`, { token: m.chief, body: { reason: '重新清点' } })).statusCode).toBe(200);
    expect((await sheets(m, a))[0]).toMatchObject({ state: 'not-entered', blockedZh: null });
  });
});
