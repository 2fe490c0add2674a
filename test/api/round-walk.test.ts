/**
 * Issue 14, "done when": a whole round walked through the API the way a screen does it, discovering every id through
 * the list and read endpoints (never an id kept from a create response): district, street, round, community, user,
 * group, voters, candidates, meeting, then the tally by double entry, the result and the timeline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharOf } from '../../src/domain/id-card.js';
import { createTestApp, tokenAs, USER_PASSWORD, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-26' });
});
afterAll(async () => t?.close());

const code = `walk${process.pid}`;

/** Creates, and says nothing of what the create answered but its status. */
async function create(method: 'POST' | 'PATCH', url: string, token: string, body: unknown): Promise<void> {
  const res = await t.call(method, url, { token, body });
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
}

/** The one item of a list whose `field` is `value`. */
async function find<T extends Record<string, unknown>>(url: string, token: string, field: keyof T, value: unknown): Promise<T> {
  const res = await t.call('GET', url, { token });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  const page = res.json() as { items: T[]; total: number; page: number; pageSize: number };
  expect(page).toMatchObject({ page: 1, total: expect.any(Number), pageSize: expect.any(Number) });
  const found = page.items.filter((i) => i[field] === value);
  expect(found, `${url}: ${String(field)} = ${String(value)}`).toHaveLength(1);
  return found[0]!;
}

const id = (birth: string, seq: number) => {
  const body = `620102${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + checkCharOf(body);
};

describe(`a whole round discovered through lists and reads on ${dbKind}`, () => {
  it('walks from the district to the result and the timeline', async () => {
    const admin = t.adminToken;
    await create('POST', '/districts', admin, { name: '城关区', code });
    const district = await find<{ id: string; code: string }>(`/districts?q=${encodeURIComponent('城关区')}&pageSize=100`, admin, 'code', code);
    await create('POST', '/streets', admin, { districtId: district.id, name: '酒泉路街道', code });
    const street = await find<{ id: string; code: string }>(`/streets?districtId=${district.id}`, admin, 'code', code);

    const phases = [
      { name: 'mobilisation', from: '2026-10-01', to: '2026-10-31' },
      { name: 'election', from: '2026-11-01', to: '2026-12-26' },
      { name: 'wrap-up', from: '2026-12-27', to: '2026-12-31' },
    ];
    await create('POST', '/rounds', admin, { name: `2026年换届${code}`, streetId: street.id, profile: 'lanzhou-2010', phases });
    const round = await find<{ id: string; name: string }>(`/rounds?streetId=${street.id}`, admin, 'name', `2026年换届${code}`);
    await create('POST', `/rounds/${round.id}/communities`, admin, {
      name: '张掖路社区',
      code,
      households: 400,
      method: 'direct',
      electionDay: '2026-12-26',
      partyElectionDay: '2026-12-24',
      rcSeats: { director: 1, deputies: 2, members: 4 },
      party: { type: 'branch', members: 20, seats: 5 },
    });
    const community = await find<{ id: string; code: string }>(`/rounds/${round.id}/communities?q=${encodeURIComponent('张掖路')}`, admin, 'code', code);

    // The committee's clerk: a user found in the user list, who logs in.
    await create('POST', '/users', admin, { username: `${code}-clerk`, password: USER_PASSWORD, role: 'committee', scopeId: community.id });
    const user = await find<{ id: string; username: string; scopeId: string }>(`/users?q=${code}-clerk`, admin, 'username', `${code}-clerk`);
    expect(user.scopeId).toBe(community.id);
    const login = await t.call('POST', '/auth/login', { body: { username: `${code}-clerk`, password: USER_PASSWORD } });
    expect(login.statusCode, login.body).toBe(200);
    const clerk = (login.json() as { token: string }).token;
    const me = (await t.call('GET', '/auth/me', { token: clerk })).json() as { user: { id: string } };
    expect(me.user.id).toBe(user.id);

    // Time and place, the election notice, a group, the voters, the voter list.
    await create('PATCH', `/communities/${community.id}`, clerk, { time: '上午9:00', place: '社区居委会会议室' });
    await create('POST', `/communities/${community.id}/documents/election-notice/issue`, clerk, { issuedOn: '2026-11-20' });
    await create('POST', `/communities/${community.id}/groups`, clerk, { name: '第一居民小组', households: 40 });
    const group = await find<{ id: string; name: string }>(`/communities/${community.id}/groups`, clerk, 'name', '第一居民小组');
    await create('PATCH', `/communities/${community.id}/groups/${group.id}`, clerk, { households: 45 });
    const NAMES = ['丁一', '王二', '刘三', '李四', '赵五', '钱六', '孙七'];
    const rows = Array.from({ length: 40 }, (_, i) => `${id(`1970-01-${String((i % 28) + 1).padStart(2, '0')}`, 101 + i * 2)},${NAMES[i] ?? `选民${i + 1}`},户籍,第一居民小组`);
    const imported = await t.call('POST', `/communities/${community.id}/voters/import`, { token: clerk, body: ['身份证号码,姓名,户籍/居住,居民小组', ...rows].join('\r\n'), headers: { 'content-type': 'text/csv' } });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ accepted: 40 });
    await create('POST', `/communities/${community.id}/voter-list/publish`, clerk, { publishedOn: '2026-11-25' });

    const voterId: Record<string, string> = {};
    for (const name of NAMES) voterId[name] = (await find<{ id: string; name: string }>(`/communities/${community.id}/voters?q=${encodeURIComponent(name)}`, clerk, 'name', name)).id;
    // A correction found and made through the list: the group kept.
    await create('PATCH', `/voters/${voterId['孙七']}`, clerk, { address: '酒泉路7号' });

    // Nominations and the official lists; the candidates' ids from the published list.
    const contests = { director: ['王二', '丁一'], member: ['孙七', '刘三', '钱六', '李四', '赵五'] } as const;
    const candidateId: Record<string, string> = {};
    for (const [contest, names] of Object.entries(contests)) {
      for (const name of names) await create('POST', `/communities/${community.id}/nominations`, clerk, { contest, voterId: voterId[name], basis: 'committee', consent: true });
      await create('POST', `/communities/${community.id}/candidates/publish`, clerk, { contest, publishedOn: '2026-12-20' });
      for (const name of names) candidateId[`${contest}:${name}`] = (await find<{ id: string; name: string }>(`/communities/${community.id}/candidates?contest=${contest}`, clerk, 'name', name)).id;
    }

    // The meeting, found in the community's meetings; its scrutineers scoped to it.
    await create('POST', `/communities/${community.id}/meetings`, clerk, { kind: 'rc', date: '2026-12-26', expected: 40 });
    const meeting = await find<{ id: string; kind: string }>(`/communities/${community.id}/meetings`, clerk, 'kind', 'rc');
    await create('POST', `/meetings/${meeting.id}/attendance`, clerk, { present: 36 });
    const scrutineers = [await tokenAs(t.app, { role: 'scrutineer', scopeId: meeting.id }), await tokenAs(t.app, { role: 'scrutineer', scopeId: meeting.id })];
    const sheets = [
      { contest: 'director', issued: 36, returned: 36, invalid: 1, votes: { [candidateId['director:丁一']!]: 30, [candidateId['director:王二']!]: 5 } },
      {
        contest: 'member',
        issued: 36,
        returned: 36,
        invalid: 0,
        votes: { [candidateId['member:孙七']!]: 30, [candidateId['member:刘三']!]: 29, [candidateId['member:钱六']!]: 28, [candidateId['member:李四']!]: 27, [candidateId['member:赵五']!]: 10 },
      },
    ];
    for (const sheet of sheets) for (const token of scrutineers) await create('POST', `/meetings/${meeting.id}/tally-sheets`, token, { box: 'main', ...sheet });

    const result = (await t.call('GET', `/meetings/${meeting.id}/result`, { token: clerk })).json() as { contests: { contest: string; elected: { name: string }[] }[] };
    const elected = (contest: string) => result.contests.find((x) => x.contest === contest)?.elected.map((e) => e.name).sort();
    expect(elected('director')).toEqual(['丁一']);
    expect(elected('member')).toEqual(['刘三', '孙七', '李四', '钱六'].sort());

    const timeline = (await t.call('GET', `/communities/${community.id}/timeline`, { token: clerk })).json() as { steps: { step: string; status: string; doneOn: string | null }[] };
    expect(timeline.steps.slice(0, 3).map((s) => [s.step, s.status, s.doneOn])).toEqual([
      ['election-notice', 'done', '2026-11-20'],
      ['voter-list', 'done', '2026-11-25'],
      ['candidate-list', 'done', '2026-12-20'],
    ]);
    const detail = (await t.call('GET', `/communities/${community.id}`, { token: clerk })).json() as { voters: number; groups: { households: number }[]; details: { place: string } };
    expect(detail).toMatchObject({ voters: 40, groups: [{ households: 45 }], details: { place: '社区居委会会议室' } });
  });
});
