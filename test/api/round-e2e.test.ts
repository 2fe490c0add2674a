/**
 * Issue 7: a whole round end to end through the API (configure, register, nominate, publish, meet, count by double
 * entry, re-vote, run-off, result, papers, filing returned and approved, certificates, handover, reports, audit).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { bootstrapAdmin } from '../../src/services/users.js';
import { clockNow, runScenario, type Clock, type ScenarioReport } from '../../scripts/scenario.js';
import { createTestDatabase, dbKind, type TestDatabase } from '../support/database.js';
import type { FastifyInstance } from 'fastify';
import { RULE_CODES } from '../../src/domain/violations.js';

let testDb: TestDatabase;
let app: FastifyInstance;
let report: ScenarioReport;
const clock: Clock = { today: '2026-11-20' };
const outDir = mkdtempSync(join(tmpdir(), 'huanjie-e2e-'));

beforeAll(async () => {
  testDb = await createTestDatabase();
  await bootstrapAdmin(testDb.database.db, 'E2e-Admin-Passw0rd!');
  app = await buildApp({ config: testConfig({ adminPassword: 'E2e-Admin-Passw0rd!' }), database: testDb.database, now: clockNow(clock) });
  report = await runScenario(app, clock, {
    communities: 4,
    residentsPerCommunity: 70,
    adminPassword: 'E2e-Admin-Passw0rd!',
    outDir,
  });
}, 300_000);

afterAll(async () => {
  await app?.close();
  await testDb?.dispose();
  rmSync(outDir, { recursive: true, force: true });
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

  it('keeps the bureau’s return in the filing history and records every filing', () => {
    expect(report.filings.every((f) => f.status === 'recorded')).toBe(true);
    expect(report.filings[0]!.history).toEqual(['submit', 'return', 'submit', 'record']);
  });

  it('numbers certificates uniquely across the round, one per elected member', () => {
    expect(report.certificates).toHaveLength(4 * 7);
    expect(new Set(report.certificates).size).toBe(report.certificates.length);
    expect([...report.certificates].sort((a, b) => a - b)).toEqual(Array.from({ length: 28 }, (_, i) => i + 1));
  });

  it('renders every paper for every community, the party’s and the officers’ too, and the run-off ballots where held, as PDF', () => {
    const kinds = ['election-notice', 'voter-list', 'candidate-list', 'ballot', 'voter-cards', 'result-notice', 'certificates', 'filing-report', 'party-candidate-list', 'party-ballot', 'officer-ballot', 'party-result-notice'];
    for (const c of report.communities) {
      for (const kind of kinds) expect(report.papers).toContain(join(c.name, `${kind}.pdf`));
    }
    for (const id of [report.tieCommunity, report.runoffCommunity]) {
      const c = report.communities.find((x) => x.id === id)!;
      expect(report.papers).toContain(join(c.name, 'runoff-ballot.pdf'));
    }
    for (const paper of report.papers.filter((p) => p.endsWith('.pdf'))) {
      expect(readFileSync(join(outDir, paper)).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it('flags the one overdue handover and verifies the audit chain', () => {
    expect(report.overdueHandovers).toBe(1);
    expect(report.audit.ok).toBe(true);
    expect(report.audit.entries).toBeGreaterThan(100);
  });

  it('re-votes among the tied at the last seat and holds a run-off for unfilled seats', () => {
    const tie = report.followUps.filter((f) => f.communityId === report.tieCommunity);
    const runoff = report.followUps.filter((f) => f.communityId === report.runoffCommunity);
    expect(tie.map((f) => f.kind)).toEqual(['revote']);
    expect(tie[0]!.candidates).toHaveLength(2);
    expect(runoff.map((f) => f.kind)).toEqual(['runoff']);
    // Two seats left, 20% surplus: ceil(2 × 1.2) = 3 candidates.
    expect(runoff[0]!.candidates).toHaveLength(3);
    expect(report.followUps.filter((f) => f.communityId !== report.tieCommunity && f.communityId !== report.runoffCommunity)).toEqual([]);
  });

  it('answers every rule code of RULES.md in the checks; only the overdue handover fails', () => {
    expect(report.checks).toHaveLength(4);
    for (const [i, community] of report.checks.entries()) {
      expect(community.checks.map((c) => c.rule).sort()).toEqual([...RULE_CODES].sort());
      const failing = community.checks.filter((c) => c.status === 'fail').map((c) => c.rule);
      expect(failing).toEqual(i === report.checks.length - 1 ? ['AFT-HANDOVER'] : []);
      const status = Object.fromEntries(community.checks.map((c) => [c.rule, c.status]));
      expect(status['CAN-LIST-NOTICE']).toBe('pass');
      expect(status['MTG-QUORUM-RC']).toBe('pass');
      expect(status['AFT-FILING']).toBe('pass');
    }
  });

  it('never calls a rule passed that no contest applied, where a run-off or re-vote settled a contest', () => {
    const contestLines = (details: unknown) => Object.entries((details ?? {}) as Record<string, unknown>).filter(([k]) => /-(main|revote|runoff|officers)$/.test(k));
    for (const community of report.checks) {
      const notApplied = (community.checks as { rule: string; status: string; details?: unknown }[]).filter((c) => contestLines(c.details).length > 0 && contestLines(c.details).every(([, v]) => v === 'n/a'));
      for (const c of notApplied) expect(c.status, `${community.communityId} ${c.rule} ${JSON.stringify(c.details)}`).not.toBe('pass');
      // No write-in anywhere in the round: CNT-WRITEIN is 不适用 in the run-off community too (it read 通过).
      if (community.communityId === report.runoffCommunity) expect(notApplied.map((c) => c.rule)).toContain('CNT-WRITEIN');
    }
  });
});
