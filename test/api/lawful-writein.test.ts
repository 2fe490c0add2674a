/**
 * Lawful round 1: a write-in (另选他人) is elected only when the person is a registered, eligible voter of the
 * community. Votes for anyone else are counted and reported by name, but the seat they would have taken goes to the
 * run-off among the official candidates (or stays vacant).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createMeeting, enterTwice, nominateAndPublish, result, type Community } from './election-fixture.js';

let t: TestApp;
let c: Community;
let director: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
  c = await createCommunity(t, { names: ['丁一', '王二', '吴九'], voters: 200 });
  director = (await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] })).idOf;
});
afterAll(async () => t?.close());

describe(`CNT-WRITEIN: who a write-in can elect, on ${dbKind}`, () => {
  it('a write-in who is not a voter of the community wins the most votes: counted and reported, not elected; the seat goes to a run-off among the candidates', async () => {
    const m = await createMeeting(t, c, { expected: 200, present: 150 });
    await enterTwice(t, m, { contest: 'director', issued: 150, returned: 150, invalid: 0, votes: { [director['丁一']!]: 40, [director['王二']!]: 20, 外来人: 90 } });
    const r = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'director' && x.stage === 'main')!;
    expect(r.votes).toContainEqual({ name: '外来人', votes: 90, writeIn: true });
    expect(r.elected).toEqual([]);
    expect(r.rules).toContainEqual(expect.objectContaining({ rule: 'CNT-WRITEIN', status: 'warning', details: expect.objectContaining({ reason: 'ineligible', barred: '外来人' }) }));
    expect(r.runoff).toMatchObject({ seats: 1, contestId: expect.any(String) });
    expect(r.runoff!.candidates.map((x) => x.name).sort()).toEqual(['丁一', '王二'].sort());

    // The clerk holds the run-off; the ineligible name is written in again and still cannot take the seat.
    await enterTwice(t, m, { contest: 'director', contestId: r.runoff!.contestId!, issued: 150, returned: 150, invalid: 0, votes: { [director['丁一']!]: 60, [director['王二']!]: 20, 外来人: 70 } });
    const runoff = (await result(t, m, c.committee)).contests.find((x) => x.stage === 'runoff')!;
    expect(runoff.elected).toEqual([{ candidateId: director['丁一'], name: '丁一', votes: 60 }]);
  });

  it('a write-in who is a registered voter of the community and has the majority is elected', async () => {
    const m = await createMeeting(t, c, { expected: 200, present: 150 });
    await enterTwice(t, m, { contest: 'director', issued: 150, returned: 150, invalid: 0, votes: { [director['丁一']!]: 40, [director['王二']!]: 20, 吴九: 90 } });
    const r = (await result(t, m, c.committee)).contests.find((x) => x.contest === 'director' && x.stage === 'main')!;
    expect(r.elected).toEqual([{ name: '吴九', votes: 90 }]);
    expect(r.rules).toContainEqual(expect.objectContaining({ rule: 'CNT-WRITEIN', status: 'pass' }));
    expect(r.runoff).toBeUndefined();
  });
});
