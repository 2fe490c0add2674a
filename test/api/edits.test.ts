/**
 * Issue 14, edits: PATCH of a community (its dates re-checked by the registry), a residents' group, a unit, a voter
 * (identity number and eligibility re-checked), a user (active, password reset, scope); the steering group's phase
 * change (TML-PHASE, Chinese reason, audited); the community timeline. Every edit audited, refused once filed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { auditLog, filings } from '../../src/db/schema.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { createCommunity, createRound, createStreet, idNumber, setup, unique, type Community, type ErrorJson } from './registration-fixture.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ today: '2026-11-20' });
});
afterAll(async () => t?.close());

const db = () => t.testDb.database.db;

async function lastAudit(entity: string, entityId: string) {
  const [row] = await db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return row;
}

async function freeze(c: Community, kind: 'rc' | 'party' = 'rc') {
  const community = (await t.call('GET', `/communities/${c.id}`, { token: c.committee })).json() as { districtId: string };
  await db().insert(filings).values({ communityId: c.id, districtId: community.districtId, kind, status: 'submitted', checks: [], submittedAt: new Date() });
}

async function firstVoterId(c: Community, q?: string): Promise<string> {
  const res = await t.call('GET', `/communities/${c.id}/voters?pageSize=1${q ? `&q=${encodeURIComponent(q)}` : ''}`, { token: c.committee });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: { id: string }[] }).items[0]!.id;
}

describe(`PATCH /communities/:id on ${dbKind}`, () => {
  it('corrects time and place, audited with before and after', async () => {
    const { c } = await setup(t);
    const res = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { time: '上午9时', place: '社区活动中心' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ details: { time: '上午9时', place: '社区活动中心' }, electionDay: '2026-12-26' });
    const audit = await lastAudit('community', c.id);
    expect(audit?.action).toBe('update');
    expect((audit?.before as { details: Record<string, unknown> }).details.place).toBeUndefined();
    expect((audit?.after as { details: { place: string } }).details.place).toBe('社区活动中心');
  });

  it('re-checks the rules the election day bears on: TML-PHASE, and VOT-LIST-PUBLISH once the voter list is out', async () => {
    const { c } = await setup(t);
    const outside = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { electionDay: '2027-01-05' } });
    expect(outside.statusCode, outside.body).toBe(422);
    expect((outside.json() as ErrorJson).error.rule).toBe('TML-PHASE');

    expect((await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { time: '上午9时', place: '社区会议室' } })).statusCode).toBe(200);
    const notice = await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-11-19' } });
    expect(notice.statusCode, notice.body).toBe(201);
    const published = await t.call('POST', `/communities/${c.id}/voter-list/publish`, { token: c.committee, body: { publishedOn: '2026-11-20' } });
    expect(published.statusCode, published.body).toBe(201);
    const tooSoon = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { electionDay: '2026-12-05' } });
    expect(tooSoon.statusCode, tooSoon.body).toBe(422);
    const error = (tooSoon.json() as ErrorJson).error;
    expect(error.rule).toBe('VOT-LIST-PUBLISH');
    expect(error.messageZh).toMatch(/20/);
    const unchanged = (await t.call('GET', `/communities/${c.id}`, { token: c.committee })).json() as { electionDay: string };
    expect(unchanged.electionDay).toBe('2026-12-26');

    const ok = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { electionDay: '2026-12-20' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as { electionDay: string }).electionDay).toBe('2026-12-20');
  });

  it('re-checks VOT-AGE: an earlier election day may not leave a registered voter under 18', async () => {
    const { c } = await setup(t);
    const reg = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: idNumber('2008-12-10', 31), name: '王小年', residency: 'registered' } });
    expect(reg.statusCode, reg.body).toBe(201);

    const early = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { electionDay: '2026-12-09' } });
    expect(early.statusCode, early.body).toBe(422);
    const error = (early.json() as ErrorJson).error;
    expect(error.rule).toBe('VOT-AGE');
    expect(error.messageZh).toContain('2008年12月9日');
    expect((await t.call('GET', `/communities/${c.id}`, { token: c.committee })).json()).toMatchObject({ electionDay: '2026-12-26' });

    const birthday = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { electionDay: '2026-12-10' } });
    expect(birthday.statusCode, birthday.body).toBe(200);
  });

  it('a later day once the election notice is out is a postponement: the steering group records it with its approval', async () => {
    const { s, c } = await setup(t);
    // Before the notice, moving the day is a correction the committee may make.
    expect((await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { electionDay: '2026-12-20', time: '上午9时', place: '社区会议室' } })).statusCode).toBe(200);
    const notice = await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-11-19' } });
    expect(notice.statusCode, notice.body).toBe(201);

    const byCommittee = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { electionDay: '2026-12-24', postponement: { reason: '候选人退出无人递补', approvedOn: '2026-11-20' } } });
    expect(byCommittee.statusCode, byCommittee.body).toBe(403);
    expect((byCommittee.json() as ErrorJson).error).toMatchObject({ code: 'POSTPONEMENT_BY_STEERING_GROUP', messageZh: '选举公告发布后推迟选举日，须经街道换届选举工作领导小组批准，由街道在系统中登记' });
    const unapproved = await t.call('PATCH', `/communities/${c.id}`, { token: s.street, body: { electionDay: '2026-12-24' } });
    expect(unapproved.statusCode, unapproved.body).toBe(422);
    expect((unapproved.json() as ErrorJson).error.code).toBe('POSTPONEMENT_APPROVAL');
    // The registry still judges the new day (TML-PHASE: outside the election phase).
    const outside = await t.call('PATCH', `/communities/${c.id}`, { token: s.street, body: { electionDay: '2027-01-05', postponement: { reason: '候选人退出无人递补', approvedOn: '2026-11-20' } } });
    expect((outside.json() as ErrorJson).error.rule).toBe('TML-PHASE');

    const postponed = await t.call('PATCH', `/communities/${c.id}`, { token: s.street, body: { electionDay: '2026-12-24', postponement: { reason: '候选人退出无人递补', approvedOn: '2026-11-20' } } });
    expect(postponed.statusCode, postponed.body).toBe(200);
    expect(postponed.json()).toMatchObject({
      electionDay: '2026-12-24',
      details: { postponements: [{ election: 'rc', from: '2026-12-20', to: '2026-12-24', reason: '候选人退出无人递补', approvedOn: '2026-11-20' }] },
    });
    const audit = await lastAudit('community', c.id);
    expect(audit?.action).toBe('postpone');
    // Moving it earlier again is a correction (judged by the other rules), not a postponement.
    expect((await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { electionDay: '2026-12-22' } })).statusCode).toBe(200);
  });

  it('refuses the edit once the filing is frozen (409 FILED_FROZEN)', async () => {
    const { c } = await setup(t);
    await freeze(c);
    const res = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { place: '新地点' } });
    expect(res.statusCode, res.body).toBe(409);
    expect((res.json() as ErrorJson).error.code).toBe('FILED_FROZEN');
  });

  it('refuses an unknown field rather than ignoring it', async () => {
    const { c } = await setup(t);
    const res = await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { households: 5 } });
    expect(res.statusCode).toBe(400);
  });
});

describe(`PATCH groups and units on ${dbKind}`, () => {
  it('renames a group (its voters follow), refuses a taken name, and renames a unit; each audited', async () => {
    const { c } = await setup(t);
    const g1 = (await t.call('POST', `/communities/${c.id}/groups`, { token: c.committee, body: { name: '第一小组', households: 10 } })).json() as { id: string };
    await t.call('POST', `/communities/${c.id}/groups`, { token: c.committee, body: { name: '第二小组' } });
    const reg = await t.call('POST', `/communities/${c.id}/voters`, {
      token: c.committee,
      body: { idNumber: idNumber('1980-05-01', 11), name: '王小明', residency: 'registered', groupId: g1.id },
    });
    expect(reg.statusCode, reg.body).toBe(201);

    const groups = (await t.call('GET', `/communities/${c.id}/groups?q=${encodeURIComponent('第一')}`, { token: c.committee })).json() as { items: { id: string }[] };
    const groupId = groups.items[0]!.id;
    const taken = await t.call('PATCH', `/communities/${c.id}/groups/${groupId}`, { token: c.committee, body: { name: '第二小组' } });
    expect(taken.statusCode).toBe(409);
    expect((taken.json() as ErrorJson).error.code).toBe('GROUP_NAME_TAKEN');
    const renamed = await t.call('PATCH', `/communities/${c.id}/groups/${groupId}`, { token: c.committee, body: { name: '一组', households: 12 } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '一组', households: 12 });
    const voter = (await t.call('GET', `/voters/${await firstVoterId(c)}`, { token: c.committee })).json() as { groupName: string };
    expect(voter.groupName).toBe('一组');
    expect((await lastAudit('resident-group', groupId))?.action).toBe('update');

    const other = await setup(t);
    const elsewhere = await t.call('PATCH', `/communities/${other.c.id}/groups/${groupId}`, { token: other.c.committee, body: { name: 'x' } });
    expect(elsewhere.statusCode).toBe(404);

    await t.call('POST', `/communities/${c.id}/units`, { token: c.committee, body: { name: '兰州市第一中学' } });
    const units = (await t.call('GET', `/communities/${c.id}/units`, { token: c.committee })).json() as { items: { id: string }[] };
    const unitId = units.items[0]!.id;
    const unit = await t.call('PATCH', `/communities/${c.id}/units/${unitId}`, { token: c.committee, body: { name: '兰州一中' } });
    expect(unit.statusCode, unit.body).toBe(200);
    expect((unit.json() as { name: string }).name).toBe('兰州一中');
    expect((await lastAudit('unit', unitId))?.before).toMatchObject({ name: '兰州市第一中学' });
  });
});

describe(`PATCH /voters/:id on ${dbKind}`, () => {
  it('corrects a name, re-validates the identity number and the age, keeps the id, audits with the number masked', async () => {
    const { c } = await setup(t);
    const reg = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: idNumber('1975-03-02', 21), name: '李四', residency: 'registered' } });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = await firstVoterId(c, '李四');

    const renamed = await t.call('PATCH', `/voters/${id}`, { token: c.committee, body: { name: '李思' } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ id, name: '李思', birthDate: '1975-03-02' });

    const bad = idNumber('1975-03-02', 23).slice(0, 17) + (idNumber('1975-03-02', 23).endsWith('0') ? '1' : '0');
    const checksum = await t.call('PATCH', `/voters/${id}`, { token: c.committee, body: { idNumber: bad } });
    expect(checksum.statusCode, checksum.body).toBe(422);
    expect((checksum.json() as ErrorJson).error.rule).toBe('VOT-ID');

    const young = await t.call('PATCH', `/voters/${id}`, { token: c.committee, body: { idNumber: idNumber('2010-01-01', 25) } });
    expect(young.statusCode, young.body).toBe(422);
    expect((young.json() as ErrorJson).error.rule).toBe('VOT-AGE');

    const corrected = await t.call('PATCH', `/voters/${id}`, { token: c.committee, body: { idNumber: idNumber('1975-03-12', 27) } });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ id, birthDate: '1975-03-12', name: '李思' });
    const audit = await lastAudit('voter', id);
    expect(audit?.action).toBe('correct');
    expect(JSON.stringify(audit)).not.toContain(idNumber('1975-03-12', 27));

    const worker = await t.call('PATCH', `/voters/${id}`, { token: c.committee, body: { residency: 'worker', approved: false } });
    expect(worker.statusCode).toBe(422);
    expect((worker.json() as ErrorJson).error.rule).toBe('VOT-RESIDENT');
  });

  it('refuses a number registered to someone else (VOT-NO-DUP) and any edit once the filing is frozen', async () => {
    const { c } = await setup(t);
    for (const [name, seq] of [['甲', 31], ['乙', 33]] as const) {
      const r = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body: { idNumber: idNumber('1960-01-01', seq), name, residency: 'registered' } });
      expect(r.statusCode, r.body).toBe(201);
    }
    const id = await firstVoterId(c, '乙');
    const dup = await t.call('PATCH', `/voters/${id}`, { token: c.committee, body: { idNumber: idNumber('1960-01-01', 31) } });
    expect(dup.statusCode, dup.body).toBe(409);
    await freeze(c);
    const frozen = await t.call('PATCH', `/voters/${id}`, { token: c.committee, body: { name: '丙' } });
    expect(frozen.statusCode).toBe(409);
    expect((frozen.json() as ErrorJson).error.code).toBe('FILED_FROZEN');
  });
});

describe(`PATCH /users/:id on ${dbKind}`, () => {
  const login = (username: string, password: string) => t.call('POST', '/auth/login', { body: { username, password } });

  it('deactivates (the token ends), resets the password (a new one shown once), changes the scope; audited', async () => {
    const s = await createStreet(t);
    const other = await createStreet(t);
    const username = unique('clerk');
    const created = await t.call('POST', '/users', { token: t.adminToken, body: { username, password: 'User-Passw0rd!', role: 'street', scopeId: s.streetId } });
    expect(created.statusCode, created.body).toBe(201);
    const list = (await t.call('GET', `/users?q=${username}`, { token: t.adminToken })).json() as { items: { id: string }[] };
    const userId = list.items[0]!.id;
    const token = ((await login(username, 'User-Passw0rd!')).json() as { token: string }).token;
    expect((await t.call('GET', '/auth/me', { token })).statusCode).toBe(200);

    const scoped = await t.call('PATCH', `/users/${userId}`, { token: t.adminToken, body: { scopeId: other.streetId } });
    expect(scoped.statusCode, scoped.body).toBe(200);
    expect((scoped.json() as { user: { scopeId: string } }).user.scopeId).toBe(other.streetId);
    expect((await t.call('GET', '/auth/me', { token })).statusCode).toBe(401);
    const noSuchScope = await t.call('PATCH', `/users/${userId}`, { token: t.adminToken, body: { scopeId: '00000000-0000-4000-8000-000000000009' } });
    expect(noSuchScope.statusCode).toBe(404);

    const reset = await t.call('PATCH', `/users/${userId}`, { token: t.adminToken, body: { resetPassword: true } });
    expect(reset.statusCode, reset.body).toBe(200);
    const generated = (reset.json() as { generatedPassword: string }).generatedPassword;
    expect(generated.length).toBeGreaterThanOrEqual(12);
    expect((await login(username, 'User-Passw0rd!')).statusCode).toBe(401);
    const fresh = await login(username, generated);
    expect(fresh.statusCode, fresh.body).toBe(200);
    const audit = await lastAudit('user', userId);
    expect(audit?.after).toMatchObject({ passwordReset: true, mustChangePassword: true });
    expect(JSON.stringify(audit)).not.toContain(generated);

    const off = await t.call('PATCH', `/users/${userId}`, { token: t.adminToken, body: { active: false } });
    expect(off.statusCode).toBe(200);
    expect((off.json() as { user: { active: boolean } }).user.active).toBe(false);
    expect((await t.call('GET', '/auth/me', { token: (fresh.json() as { token: string }).token })).statusCode).toBe(401);
    expect((await login(username, generated)).statusCode).not.toBe(200);
  });

  it('refuses a weak password, a chief flag on a non-scrutineer, and the admin deactivating itself', async () => {
    const me = (await t.call('GET', '/auth/me', { token: t.adminToken })).json() as { user: { id: string } };
    const self = await t.call('PATCH', `/users/${me.user.id}`, { token: t.adminToken, body: { active: false } });
    expect(self.statusCode).toBe(409);
    expect((self.json() as ErrorJson).error.messageZh).toBe('不能停用自己的账户');
    const weak = await t.call('PATCH', `/users/${me.user.id}`, { token: t.adminToken, body: { password: '123' } });
    expect(weak.statusCode).toBe(400);
    const chief = await t.call('PATCH', `/users/${me.user.id}`, { token: t.adminToken, body: { chief: true } });
    expect(chief.statusCode).toBe(400);
  });
});

describe(`PATCH /rounds/:id/phases/:phase on ${dbKind}`, () => {
  it('lets the steering group move the election phase so that an action becomes lawful; reason in Chinese, audited', async () => {
    const s = await createStreet(t);
    const late = [
      { name: 'mobilisation', from: '2026-10-01', to: '2026-10-31' },
      { name: 'election', from: '2026-11-25', to: '2026-12-26' },
      { name: 'wrap-up', from: '2026-12-27', to: '2026-12-31' },
    ];
    const roundId = await createRound(t, s, { phases: late });
    const c = await createCommunity(t, s, roundId);
    const body = { idNumber: idNumber('1970-02-02', 41), name: '赵六', residency: 'registered' };
    const before = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body });
    expect(before.statusCode).toBe(422);
    expect((before.json() as ErrorJson).error.rule).toBe('TML-PHASE');

    const english = await t.call('PATCH', `/rounds/${roundId}/phases/election`, { token: s.street, body: { from: '2026-11-15', reason: 'started early' } });
    expect(english.statusCode).toBe(400);
    expect((english.json() as ErrorJson).error.messageZh).toContain('中文');
    const overlap = await t.call('PATCH', `/rounds/${roundId}/phases/election`, { token: s.street, body: { from: '2026-10-20', reason: '提前开始选民登记' } });
    expect(overlap.statusCode).toBe(400);
    expect((overlap.json() as ErrorJson).error).toMatchObject({ code: 'PHASES_INVALID', messageZh: '工作阶段设置有误：宣传发动阶段与选举实施阶段的日期重叠' });
    const cut = await t.call('PATCH', `/rounds/${roundId}/phases/election`, { token: s.street, body: { to: '2026-12-20', reason: '提前结束' } });
    expect(cut.statusCode, cut.body).toBe(422);
    expect((cut.json() as ErrorJson).error.rule).toBe('TML-PHASE');

    const moved = await t.call('PATCH', `/rounds/${roundId}/phases/election`, { token: s.street, body: { from: '2026-11-15', reason: '经领导小组研究，提前开始选民登记' } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((moved.json() as { phases: { name: string; from: string }[] }).phases.find((p) => p.name === 'election')?.from).toBe('2026-11-15');
    const audit = await lastAudit('round', roundId);
    expect(audit?.action).toBe('change-phase');
    expect(audit?.after).toMatchObject({ reason: '经领导小组研究，提前开始选民登记', phase: { from: '2026-11-15', to: '2026-12-26' } });
    expect(audit?.before).toMatchObject({ phase: { from: '2026-11-25' } });

    const after = await t.call('POST', `/communities/${c.id}/voters`, { token: c.committee, body });
    expect(after.statusCode, after.body).toBe(201);

    // Extending the election phase into 总结验收 pushes that phase on by as many days (顺延), recorded in the audit.
    const extended = await t.call('PATCH', `/rounds/${roundId}/phases/election`, { token: s.street, body: { to: '2026-12-29', reason: '选民登记延误，延长选举实施阶段' } });
    expect(extended.statusCode, extended.body).toBe(200);
    expect((extended.json() as { phases: unknown[] }).phases).toEqual([
      { name: 'mobilisation', from: '2026-10-01', to: '2026-10-31' },
      { name: 'election', from: '2026-11-15', to: '2026-12-29' },
      { name: 'wrap-up', from: '2026-12-30', to: '2027-01-03' },
    ]);
    expect((await lastAudit('round', roundId))?.after).toMatchObject({ phases: [{}, {}, { name: 'wrap-up', from: '2026-12-30' }] });
  });
});

describe(`GET /communities/:id/timeline on ${dbKind}`, () => {
  it('shows each phase, what is due and done, what waits for what (TML-ORDER), and the next lawful step', async () => {
    const { c } = await setup(t);
    const read = async () => {
      const res = await t.call('GET', `/communities/${c.id}/timeline`, { token: c.committee });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        phases: { phase: string; status: string }[];
        steps: { step: string; status: string; dueBy: string | null; doneOn: string | null; waitsFor: { step: string; rule: string; messageZh: string } | null }[];
        next: { step: string; allowedNow: boolean; whyNotZh: string | null } | null;
      };
    };
    const step = (tl: Awaited<ReturnType<typeof read>>, name: string) => tl.steps.find((x) => x.step === name)!;

    const first = await read();
    expect(first.phases.map((p) => [p.phase, p.status])).toEqual([
      ['mobilisation', 'past'],
      ['election', 'current'],
      ['wrap-up', 'upcoming'],
    ]);
    expect(first.next).toMatchObject({ step: 'election-notice', allowedNow: true });
    expect(step(first, 'voter-list')).toMatchObject({ status: 'open', dueBy: '2026-12-06', waitsFor: { step: 'election-notice', rule: 'TML-ORDER' } });
    expect(step(first, 'voter-list').waitsFor!.messageZh).toBe('选民名单公布（2026年11月20日）不得早于选举公告（尚未进行）');
    expect(step(first, 'candidate-list')).toMatchObject({ dueBy: '2026-12-21', waitsFor: { step: 'voter-list' } });
    expect(step(first, 'handover').dueBy).toBe('2026-12-29');

    expect((await t.call('PATCH', `/communities/${c.id}`, { token: c.committee, body: { time: '上午9时', place: '社区会议室' } })).statusCode).toBe(200);
    const issued = await t.call('POST', `/communities/${c.id}/documents/election-notice/issue`, { token: c.committee, body: { issuedOn: '2026-11-19' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const second = await read();
    expect(step(second, 'election-notice')).toMatchObject({ status: 'done', doneOn: '2026-11-19' });
    expect(step(second, 'voter-list').waitsFor).toBeNull();
    expect(second.next).toMatchObject({ step: 'voter-list', allowedNow: true, whyNotZh: null });

    expect((await t.call('POST', `/communities/${c.id}/voter-list/publish`, { token: c.committee, body: { publishedOn: '2026-11-20' } })).statusCode).toBe(201);
    const third = await read();
    expect(step(third, 'voter-list')).toMatchObject({ status: 'done', doneOn: '2026-11-20' });
    expect(third.next).toMatchObject({ step: 'candidate-list', allowedNow: true });
  });

  it('marks a step overdue once its due date has passed', async () => {
    const { c } = await setup(t, { electionDay: '2026-12-05', partyElectionDay: '2026-12-04' });
    const tl = (await t.call('GET', `/communities/${c.id}/timeline`, { token: c.committee })).json() as { steps: { step: string; status: string; dueBy: string }[] };
    expect(tl.steps.find((x) => x.step === 'voter-list')).toMatchObject({ status: 'overdue', dueBy: '2026-11-15' });
    expect(tl.steps.find((x) => x.step === 'candidate-list')).toMatchObject({ status: 'open', dueBy: '2026-11-30' });
  });
});

