/**
 * Lawful round 6: representatives vote in person at a congress (no proxies there); proxies belong to direct
 * elections, within the profile's limit. Also the rule registry behind it: GET /rules lists every rule of a profile,
 * and a malformed request is answered in Chinese naming the field by its label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULE_CODES } from '../../src/domain/violations.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { createCommunity, createMeeting } from './election-fixture.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21' });
});
afterAll(async () => t?.close());

describe('MTG-PROXY: proxies at direct elections only', () => {
  it('refuses a proxy at a representatives congress, names the rule, and accepts one at a direct election', async () => {
    const congress = await createCommunity(t, { method: 'congress', voters: 12 });
    const m = await createMeeting(t, congress, { expected: 10 });
    const refused = await t.call('POST', `/meetings/${m.id}/proxies`, { token: congress.committee, body: { giverVoterId: congress.voterIds[3], holderVoterId: congress.voterIds[4] } });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ error: { rule: 'MTG-PROXY', messageZh: '居民代表会议由代表本人投票，不得委托投票（登记委托1人）' } });

    const direct = await createCommunity(t, { method: 'direct', voters: 12 });
    const d = await createMeeting(t, direct, { expected: 12 });
    const accepted = await t.call('POST', `/meetings/${d.id}/proxies`, { token: direct.committee, body: { giverVoterId: direct.voterIds[3], holderVoterId: direct.voterIds[4] } });
    expect(accepted.statusCode, accepted.body).toBe(201);
  });
});

describe('GET /rules', () => {
  it('lists every rule of a profile with code, title, source and severity (yiwu: 一般 is soft)', async () => {
    const c = await createCommunity(t, { voters: 3 });
    const res = await t.call('GET', '/rules?profile=yiwu-2007', { token: c.committee });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { profile: string; rules: { code: string; titleZh: string; source: string; severity: string; caseSeverities: Record<string, string> }[] };
    expect(body.rules.map((r) => r.code)).toEqual([...RULE_CODES]);
    const size = body.rules.find((r) => r.code === 'ORG-RC-SIZE')!;
    expect(size).toMatchObject({ titleZh: '居民委员会职数', severity: 'hard', caseSeverities: { 'ORG-RC-SIZE:range': 'soft' } });
    expect(size.source).toContain('002');
    expect(body.rules.find((r) => r.code === 'ORG-RC-DEPUTY-ROLES')!.severity).toBe('off');
  });

  it('answers a malformed request in Chinese, naming the field by its label', async () => {
    const c = await createCommunity(t, { voters: 3 });
    const res = await t.call('GET', '/rules?profile=nowhere', { token: c.committee });
    expect(res.statusCode).toBe(400);
    const { messageZh } = (res.json() as { error: { messageZh: string } }).error;
    expect(messageZh).toContain('规则配置');
    expect(messageZh).not.toMatch(/querystring|profile/);
  });
});
