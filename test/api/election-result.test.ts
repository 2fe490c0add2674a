import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createMeeting, enterTwice, nominateAndPublish, result, type Community } from './election-fixture.js';

let t: TestApp;
let c: Community;
let director: Record<string, string>;
let members: Record<string, string>;
const NAMES = ['丁一', '王二', '刘三', '李四', '赵五', '钱六', '孙七', '周八', '吴九'];

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
  c = await createCommunity(t, { names: NAMES, voters: 200, rcSeats: { director: 1, deputies: 2, members: 4 } });
  director = (await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] })).idOf;
  members = (await nominateAndPublish(t, c, { contest: 'member', names: ['刘三', '李四', '赵五', '钱六', '孙七'] })).idOf;
});
afterAll(async () => t?.close());

describe(`result on ${dbKind}`, () => {
  it('does not elect with exactly half the votes of those present (CNT-MAJORITY-RC) and opens a run-off', async () => {
    const m = await createMeeting(t, c, { expected: 200, present: 100 + 1 });
    // 101 present: 50 is not more than half, 51 is.
    await enterTwice(t, m, { contest: 'director', issued: 101, returned: 101, invalid: 1, votes: { [director['丁一']!]: 50, [director['王二']!]: 50 } });
    let r = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'director' && x.stage === 'main')!;
    expect(r.elected).toEqual([]);
    expect(r.rules).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'CNT-MAJORITY-RC' }), expect.objectContaining({ rule: 'CNT-RUNOFF', status: 'warning', details: expect.objectContaining({ reason: 'runoff-needed' }) })]));
    expect(r.runoff).toMatchObject({ seats: 1, contestId: expect.any(String) });
    expect(r.runoff!.candidates.map((x) => x.name).sort()).toEqual(['丁一', '王二'].sort());

    // The run-off goes through the same tally path; a third of the votes and the most votes elect.
    await enterTwice(t, m, { contest: 'director', contestId: r.runoff!.contestId!, issued: 101, returned: 101, invalid: 1, votes: { [director['丁一']!]: 60, [director['王二']!]: 40 } });
    const all = await result(t, m, c.committee);
    const runoff = all.contests.find((x) => x.stage === 'runoff')!;
    expect(runoff).toMatchObject({ complete: true, elected: [{ name: '丁一', votes: 60 }] });
    r = all.contests.find((x) => x.contest === 'director' && x.stage === 'main')!;
    expect(r.vacancies).toBe(0);
  });

  it('elects with one vote more than half', async () => {
    const m = await createMeeting(t, c, { expected: 150, present: 100 });
    await enterTwice(t, m, { contest: 'director', issued: 100, returned: 100, invalid: 0, votes: { [director['丁一']!]: 51, [director['王二']!]: 49 } });
    const r = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'director')!;
    expect(r.elected).toEqual([{ candidateId: director['丁一'], name: '丁一', votes: 51 }]);
    expect(r.runoff).toBeUndefined();
  });

  it('shows a confirmed sheet to every read that begins after it, while reads begun before it are under way', async () => {
    const m = await createMeeting(t, c, { expected: 150, present: 100 });
    const earlier = Array.from({ length: 20 }, () => result(t, m, c.committee));
    await enterTwice(t, m, { contest: 'director', issued: 100, returned: 100, invalid: 0, votes: { [director['丁一']!]: 51, [director['王二']!]: 49 } });
    const later = await Promise.all(Array.from({ length: 20 }, () => result(t, m, c.committee)));
    for (const r of later) expect(r.contests.find((x) => x.contest === 'director')!.elected).toEqual([{ candidateId: director['丁一'], name: '丁一', votes: 51 }]);
    await Promise.all(earlier);
  });

  it('voids a contest when more ballots are returned than issued (CNT-BALLOTS)', async () => {
    const m = await createMeeting(t, c, { expected: 200, present: 120 });
    // The paper really says so: both typists finish the sheet with the error, after speaking to the chief.
    await enterTwice(t, m, { contest: 'director', finishWithErrors: true, issued: 120, returned: 121, invalid: 1, votes: { [director['丁一']!]: 90, [director['王二']!]: 30 } });
    const r = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'director')!;
    expect(r).toMatchObject({ valid: false, elected: [] });
    expect(r.rules).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'CNT-BALLOTS', status: 'fail' })]));
    expect(r.revote).toMatchObject({ contestId: expect.any(String), seats: 1 });
  });

  it('counts write-ins by name, excludes overvoted ballots and sums the boxes', async () => {
    const m = await createMeeting(t, c, {
      expected: 200,
      present: 150,
      boxes: [
        { name: 'main', kind: 'main' },
        { name: '流动票箱1', kind: 'mobile', monitors: ['甲', '乙', '丙'] },
      ],
    });
    await enterTwice(t, m, { contest: 'director', issued: 130, returned: 130, invalid: 5, overvoted: 3, votes: { [director['丁一']!]: 40, [director['王二']!]: 10, 吴九: 70 } });
    let r = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'director')!;
    expect(r).toMatchObject({ complete: false, elected: [] });
    await enterTwice(t, m, { contest: 'director', box: '流动票箱1', issued: 20, returned: 20, invalid: 0, votes: { 吴九: 10, [director['丁一']!]: 10 } });
    r = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'director')!;
    expect(r.totals).toEqual({ issued: 150, returned: 150, valid: 145, invalid: 5, overvoted: 3 });
    expect(r.elected).toEqual([{ name: '吴九', votes: 80 }]);
    expect(r.votes).toContainEqual({ name: '吴九', votes: 80, writeIn: true });
    expect(r.rules).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'CNT-WRITEIN' }), expect.objectContaining({ rule: 'CNT-OVERVOTE', details: { overvoted: 3, excluded: true } })]),
    );
  });

  it('opens a re-vote among those tied at the last seat (CNT-RANK)', async () => {
    const m = await createMeeting(t, c, { expected: 150, present: 100 });
    await enterTwice(t, m, {
      contest: 'member',
      issued: 100,
      returned: 100,
      invalid: 0,
      votes: { [members['刘三']!]: 90, [members['李四']!]: 80, [members['赵五']!]: 70, [members['钱六']!]: 60, [members['孙七']!]: 60 },
    });
    const r = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'member' && x.stage === 'main')!;
    expect(r.elected.map((e) => e.name)).toEqual(['刘三', '李四', '赵五']);
    expect(r.tie).toMatchObject({ votes: 60, seats: 1 });
    expect(r.revote).toMatchObject({ seats: 1, contestId: expect.any(String) });
    await enterTwice(t, m, { contest: 'member', contestId: r.revote!.contestId!, issued: 100, returned: 100, invalid: 0, votes: { [members['钱六']!]: 55, [members['孙七']!]: 45 } });
    const revote = (await result(t, m, c.committee)).contests.find((x) => x.stage === 'revote')!;
    expect(revote.elected).toEqual([{ candidateId: members['钱六'], name: '钱六', votes: 55 }]);
  });
});
