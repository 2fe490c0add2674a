/**
 * Access matrix (issue 8): every route registered in the app is called as every kind of caller and the status is
 * asserted exactly. The expectation is this hand-written table (DESIGN.md "Roles"), never derived from the routes'
 * own access config; a route in the app without a row here fails the test by name.
 *
 * How a row reads. Columns, in order:
 *   admin · street · street-x · committee · committee-x · scrutineer · scrutineer-x (chief of B) · chief · bureau · bureau-x
 * where "-x" is the same role scoped to district B while every id in the URL belongs to district A. Every row also
 * answers 401 to no token, an expired token and a tampered token, unless marked `public`.
 * Bodies: mutations are sent an invalid body (a JSON array, or an invalid query) so that nothing is written: a caller
 * the guard lets through gets the validation 400 (415 for uploads sent as JSON), one it stops gets 401/403 — the
 * scope is checked before the body, so an out-of-scope caller gets 403 whatever it sends. `ok` means "let through":
 * a 2xx or a domain answer (409/422), never 401/403/404/5xx (used where the answer depends on the election's state).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { buildWorld, fillUrl, ROLE_CALLERS, TOKEN_CALLERS, type Caller, type World } from '../support/route-matrix.js';

interface Row {
  /** Ten cells, one per role caller (see the header). */
  readonly roles: string;
  /** No token / expired / tampered: 401 unless public. */
  readonly public?: boolean;
  readonly body?: (w: World) => unknown;
  readonly query?: string;
  readonly contentType?: string;
}

//                                                                adm  str  st-x com  co-x scr  sc-x chf  bur  bu-x
const EXPECTED: Record<string, Row> = {
  'GET /health':                                       { roles: '200  200  200  200  200  200  200  200  200  200', public: true },
  'GET /backup':                                       { roles: '200  403  403  403  403  403  403  403  403  403' },
  'POST /auth/login':                                  { roles: '400  400  400  400  400  400  400  400  400  400', public: true },
  'GET /auth/me':                                      { roles: '200  200  200  200  200  200  200  200  200  200' },
  'POST /auth/password':                               { roles: '400  400  400  400  400  400  400  400  400  400' },
  'GET /users':                                        { roles: '200  403  403  403  403  403  403  403  403  403' },
  'POST /users':                                       { roles: '400  403  403  403  403  403  403  403  403  403' },
  'GET /districts':                                    { roles: '200  200  200  200  200  200  200  200  200  200' },
  'GET /streets':                                      { roles: '200  200  200  200  200  200  200  200  200  200' },
  'POST /users/:id/password':                          { roles: '400  403  403  403  403  403  403  403  403  403' },
  'POST /users/:id/deactivate':                        { roles: '404  403  403  403  403  403  403  403  403  403' },
  'POST /users/:id/activate':                          { roles: '404  403  403  403  403  403  403  403  403  403' },
  'POST /users/:id/unlock':                            { roles: '404  403  403  403  403  403  403  403  403  403' },
  'POST /districts':                                   { roles: '400  403  403  403  403  403  403  403  403  403' },
  'POST /streets':                                     { roles: '400  403  403  403  403  403  403  403  403  403' },
  'GET /audit/verify':                                 { roles: '200  200  200  403  403  403  403  403  200  200' },
  'GET /audit':                                        { roles: '200  403  403  403  403  403  403  403  403  403' },
  'GET /profiles':                                     { roles: '200  200  200  200  200  200  200  200  200  200' },
  'GET /rules':                                        { roles: '200  200  200  200  200  200  200  200  200  200' },
  'POST /rounds':                                      { roles: '400  400  403  403  403  403  403  403  403  403', body: (w) => ({ streetId: w.a.streetId }) },
  'GET /rounds':                                       { roles: '200  200  200  200  200  200  200  200  200  200' },
  'GET /rounds/:id':                                   { roles: '200  200  403  403  403  403  403  403  200  403' },
  'POST /rounds/:id/communities':                      { roles: '400  400  403  403  403  403  403  403  403  403' },
  'GET /rounds/:id/communities':                       { roles: '200  200  403  403  403  403  403  403  200  403' },
  'GET /rounds/:id/checks':                            { roles: '403  200  403  403  403  403  403  403  200  403' },
  'GET /rounds/:id/report':                            { roles: '403  200  403  403  403  403  403  403  200  403' },
  'GET /rounds/:id/report.xlsx':                       { roles: '403  200  403  403  403  403  403  403  200  403' },
  'GET /rounds/:id/dashboard':                         { roles: '403  200  403  403  403  403  403  403  200  403' },
  'GET /rounds/:id/report.pdf':                        { roles: '403  200  403  403  403  403  403  403  200  403' },
  'GET /rounds/:id/vetting':                           { roles: '403  200  403  403  403  403  403  403  200  403' },
  'PUT /rounds/:id/vetting':                           { roles: '403  400  403  403  403  403  403  403  403  403' },
  'POST /nominations/:id/vetting':                     { roles: '403  403  403  403  403  403  403  403  403  403' },
  'GET /communities/:id/vetting':                      { roles: '403  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/vetting.pdf':                  { roles: '403  200  403  200  403  403  403  403  200  403' },
  'GET /rounds/:id/statistics':                        { roles: '403  200  403  403  403  403  403  403  200  403' },
  'GET /rounds/:id/statistics.xlsx':                   { roles: '403  200  403  403  403  403  403  403  200  403' },
  'GET /rounds/:id/statistics.pdf':                    { roles: '403  200  403  403  403  403  403  403  200  403' },
  'PUT /rounds/:id/statistics/communities/:communityId': { roles: '403  400  403  403  403  403  403  403  403  403' },
  'POST /rounds/:id/statistics/submit':                { roles: '403  ok   403  403  403  403  403  403  403  403' },
  'POST /rounds/:id/statistics/return':                { roles: '403  403  403  403  403  403  403  403  400  403' },
  'GET /districts/:id/statistics':                     { roles: '403  403  403  403  403  403  403  403  200  403' },
  'POST /rounds/:id/communities/import':               { roles: '415  415  403  403  403  403  403  403  403  403' },
  'GET /filings/queue':                                { roles: '403  200  200  403  403  403  403  403  200  200' },
  'GET /filings/:id/dossier':                          { roles: '403  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/filings':                      { roles: '403  200  403  200  403  403  403  403  200  403' },
  'GET /districts/:id/summary':                        { roles: '200  403  403  403  403  403  403  403  200  403' },
  'GET /districts/:id/summary.xlsx':                   { roles: '200  403  403  403  403  403  403  403  200  403' },
  'GET /communities/:id/audit':                        { roles: '200  403  403  403  403  403  403  403  200  403' },
  'GET /communities/:id/users':                        { roles: '403  200  403  403  403  403  403  403  403  403' },
  'POST /communities/:id/users':                       { roles: '403  400  403  403  403  403  403  403  403  403' },
  'POST /communities/:id/users/:userId/password':      { roles: '403  404  403  403  403  403  403  403  403  403' },
  'POST /communities/:id/users/:userId/deactivate':    { roles: '403  404  403  403  403  403  403  403  403  403' },
  'GET /communities/:id':                              { roles: '200  200  403  200  403  403  403  403  200  403' },
  'PATCH /communities/:id':                            { roles: '400  400  403  400  403  403  403  403  403  403' },
  'PATCH /communities/:id/groups/:groupId':             { roles: '400  400  403  400  403  403  403  403  403  403' },
  'PATCH /communities/:id/units/:unitId':               { roles: '400  400  403  400  403  403  403  403  403  403' },
  'GET /communities/:id/timeline':                     { roles: '200  200  403  200  403  403  403  403  200  403' },
  'PATCH /voters/:id':                                 { roles: '403  403  403  400  403  403  403  403  403  403' },
  'PATCH /users/:id':                                  { roles: '400  403  403  403  403  403  403  403  403  403' },
  'PATCH /rounds/:id/phases/:phase':                   { roles: '400  400  403  403  403  403  403  403  403  403' },
  'GET /communities/:id/voters/template.xlsx':          { roles: '200  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/groups':                       { roles: '200  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/units':                        { roles: '200  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/objections':                   { roles: '200  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/meetings':                     { roles: '200  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/groups':                      { roles: '400  400  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/units':                       { roles: '400  400  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/voters':                      { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/voters/import':               { roles: '403  403  403  415  403  403  403  403  403  403' },
  'GET /communities/:id/voters':                       { roles: '200  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/voters/export.xlsx':           { roles: '200  200  403  200  403  403  403  403  200  403' },
  'GET /voters/:id':                                   { roles: '200  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/roster':                      { roles: '403  403  403  415  403  403  403  403  403  403' },
  'GET /communities/:id/voters/missing':               { roles: '200  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/voters/missing/:entryId/explanation':
                                                       { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/voter-list/publish':          { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/objections':                  { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /objections/:id/decision':                     { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/representatives':             { roles: '403  403  403  400  403  403  403  403  403  403' },
  'DELETE /representatives/:id':                       { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /communities/:id/representatives':              { roles: '200  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/representatives/check':        { roles: '200  200  403  200  403  403  403  403  200  403' },
  'GET /communities/:id/relatives':                   { roles: '200  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/relatives':                  { roles: '403  403  403  400  403  403  403  403  403  403' },
  'DELETE /communities/:id/relatives/:relativesId':   { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/party-members':               { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/party-members/bulk':          { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /communities/:id/party-members':                { roles: '200  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/nominations':                 { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /communities/:id/nominations':                  { roles: '403  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/candidates/preliminary-report': { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /nominations/:id/withdraw':                    { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/candidates/publish':          { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /communities/:id/candidates':                   { roles: '403  200  403  200  403  403  403  403  200  403', query: 'contest=director' },
  'GET /communities/:id/candidates/preview':           { roles: '403  200  403  200  403  403  403  403  200  403', query: 'contest=director' },
  'POST /communities/:id/meetings':                    { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /meetings/:id':                                 { roles: '403  200  403  200  403  200  403  200  200  403' },
  'POST /meetings/:id/attendance':                     { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /meetings/:id/boxes':                          { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /meetings/:id/staff':                          { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /meetings/:id/proxies':                        { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /meetings/:id/staff':                           { roles: '403  200  403  200  403  200  403  200  200  403' },
  'GET /meetings/:id/proxies':                         { roles: '403  200  403  200  403  200  403  200  200  403' },
  'POST /meetings/:id/officers':                       { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /meetings/:id/result':                          { roles: '403  200  403  200  403  200  403  200  200  403' },
  'POST /meetings/:id/tally-sheets':                   { roles: '403  403  403  403  403  400  403  400  403  403' },
  'GET /meetings/:id/tally-entries':                   { roles: '403  200  403  200  403  200  403  200  200  403' },
  'POST /tally-entries/:id/discard':                   { roles: '403  403  403  403  403  403  403  400  403  403' },
  'GET /meetings/:id/quorum':                          { roles: '403  200  403  200  403  200  403  200  200  403' },
  'GET /meetings/:id/tally-sheets/blank.pdf':          { roles: '403  200  403  200  403  200  403  200  403  403' },
  'GET /meetings/:id/tally-sheets':                    { roles: '403  200  403  200  403  200  403  200  200  403' },
  'POST /meetings/:id/tally-drafts':                   { roles: '403  403  403  403  403  400  403  400  403  403' },
  'GET /meetings/:id/tally-drafts/:draftId':           { roles: '403  403  403  403  403  404  403  404  403  403' },
  'PUT /meetings/:id/tally-drafts/:draftId':           { roles: '403  403  403  403  403  400  403  400  403  403' },
  'DELETE /meetings/:id/tally-drafts/:draftId':        { roles: '403  403  403  403  403  404  403  404  403  403' },
  'POST /meetings/:id/tally-drafts/:draftId/validate': { roles: '403  403  403  403  403  400  403  400  403  403' },
  'POST /meetings/:id/tally-drafts/:draftId/submit':   { roles: '403  403  403  403  403  400  403  400  403  403' },
  'GET /meetings/:id/write-ins/check':                 { roles: '403  403  403  200  403  200  403  200  403  403', query: 'name=%E5%BC%A0%E4%B8%89' },
  'GET /meetings/:id/tally-sheets/differences':        { roles: '403  403  403  403  403  403  403  400  403  403' },
  'POST /tally-entries/:id/send-back':                 { roles: '403  403  403  403  403  403  403  400  403  403' },
  'GET /communities/:id/checks':                       { roles: '403  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/filing':                      { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /filings':                                      { roles: '403  200  200  403  403  403  403  403  200  200' },
  'GET /filings/:id':                                  { roles: '403  200  403  200  403  403  403  403  200  403' },
  'POST /filings/:id/review':                          { roles: '403  403  403  403  403  403  403  403  400  403' },
  'POST /communities/:id/certificates':                { roles: '403  400  403  403  403  403  403  403  403  403' },
  'GET /communities/:id/certificates':                 { roles: '403  200  403  200  403  403  403  403  200  403' },
  'POST /meetings/:id/check-ins':                      { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /meetings/:id/check-ins':                       { roles: '403  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/recalls':                     { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/vacancies':                   { roles: '403  403  403  400  403  403  403  403  403  403' },
  'GET /communities/:id/after-round':                  { roles: '403  200  403  200  403  403  403  403  200  403' },
  'POST /recalls/:id/vote':                            { roles: '403  403  403  404  404  403  403  403  403  403' },
  'POST /vacancies/:id/by-election':                   { roles: '403  403  403  404  404  403  403  403  403  403' },
  'POST /vacancies/:id/close':                         { roles: '403  403  403  404  404  403  403  403  403  403' },
  'GET /communities/:id/report':                       { roles: '403  200  403  200  403  403  403  403  200  403' },
  'POST /communities/:id/handover':                    { roles: '403  400  403  400  403  403  403  403  403  403' },
  'GET /jobs/:id':                                     { roles: '403  200  403  200  403  403  403  403  200  403' },
  'GET /jobs/:id/result':                              { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'POST /jobs/:id/cancel':                             { roles: '403  200  403  200  403  403  403  403  403  403' },
  'GET /communities/:id/documents/election-notice.pdf': { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/voter-list.pdf':     { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/candidate-list.pdf': { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/ballot.pdf':         { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/voter-cards.pdf':    { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/result-notice.pdf':  { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/certificates.pdf':   { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/filing-report.pdf':  { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/party-candidate-list.pdf': { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/party-ballot.pdf':   { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/officer-ballot.pdf': { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/runoff-ballot.pdf':  { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'GET /communities/:id/documents/party-result-notice.pdf': { roles: '403  ok   403  ok   403  403  403  403  ok   403' },
  'POST /communities/:id/documents/:kind/issue':       { roles: '403  403  403  400  403  403  403  403  403  403' },
  'POST /communities/:id/documents/:kind/jobs':        { roles: '403  400  403  400  403  403  403  403  400  403', query: 'perPage=3' },
};

const PREFIX = '/api/v1';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21', config: { dataDir: mkdtempSync(join(tmpdir(), 'matrix-')) } });
  world = await buildWorld(t);
}, 240_000);
afterAll(async () => t?.close());

function cellsOf(key: string, row: Row): Record<Caller, string> {
  const cells = row.roles.trim().split(/\s+/);
  if (cells.length !== ROLE_CALLERS.length) throw new Error(`${key}: ${cells.length} cells, expected ${ROLE_CALLERS.length}`);
  const out = {} as Record<Caller, string>;
  ROLE_CALLERS.forEach((caller, i) => (out[caller] = cells[i]!));
  for (const caller of TOKEN_CALLERS) out[caller] = row.public ? cells[0]! : '401';
  return out;
}

function matches(cell: string, status: number): boolean {
  if (cell === 'ok') return status < 500 && ![401, 403, 404].includes(status);
  return Number(cell) === status;
}

describe(`access matrix on ${dbKind}`, () => {
  it('has a row for every route the app registers, and no row for a route that is gone', () => {
    const registered = t.app.apiRoutes.map((r) => `${r.method} ${r.url.slice(PREFIX.length)}`);
    const missing = registered.filter((key) => !(key in EXPECTED));
    const stale = Object.keys(EXPECTED).filter((key) => !registered.includes(key));
    expect(missing, `routes without a row in the access matrix (add them to EXPECTED): ${missing.join(', ')}`).toEqual([]);
    expect(stale, `rows for routes the app no longer registers: ${stale.join(', ')}`).toEqual([]);
    expect(registered.length).toBeGreaterThanOrEqual(70);
  });

  it('answers every route, for every caller, with the status in the table and the error shape', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const { method, url } of t.app.apiRoutes) {
      const key = `${method} ${url.slice(PREFIX.length)}`;
      const row = EXPECTED[key];
      if (!row) continue; // reported by the test above
      const cells = cellsOf(key, row);
      const path = fillUrl(url, world.a) + (row.query ? `?${row.query}` : '');
      for (const caller of [...ROLE_CALLERS, ...TOKEN_CALLERS]) {
        const token = world.tokens[caller];
        const headers: Record<string, string> = {};
        if (token) headers.authorization = `Bearer ${token}`;
        const res = await t.app.inject({
          method: method as 'GET' | 'POST',
          url: path,
          headers,
          ...(method === 'GET' ? {} : { payload: JSON.stringify(row.body ? row.body(world) : []), headers: { ...headers, 'content-type': row.contentType ?? 'application/json' } }),
        });
        calls += 1;
        const want = cells[caller];
        if (!matches(want, res.statusCode)) {
          failures.push(`${key} as ${caller}: got ${res.statusCode}, expected ${want} — ${res.body.slice(0, 160)}`);
          continue;
        }
        if (res.statusCode >= 400) {
          const body = res.json() as { error?: { code?: unknown; message?: unknown; messageZh?: unknown } };
          if (!body.error || typeof body.error.code !== 'string' || typeof body.error.messageZh !== 'string' || !body.error.messageZh) {
            failures.push(`${key} as ${caller}: ${res.statusCode} without the error shape: ${res.body.slice(0, 160)}`);
          }
        }
        if (caller === 'expired' && !row.public && (res.json() as { error: { code: string } }).error.code !== 'TOKEN_EXPIRED') {
          failures.push(`${key} as expired: code is not TOKEN_EXPIRED`);
        }
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(70 * 13);
  }, 300_000);

  it('gives an out-of-scope caller 403 whatever the body, and names a missing resource only to callers of the right role', async () => {
    const url = `/communities/${world.a.communityId}/voters`;
    for (const body of [[], {}, { idNumber: 1 }, { name: 'x'.repeat(10_000) }, null]) {
      const res = await t.call('POST', url, { token: world.tokens['committee-x'], body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
    }
    const gone = await t.call('GET', `/communities/00000000-0000-4000-8000-000000000001`, { token: world.tokens.street });
    expect(gone.statusCode).toBe(404);
    const wrongRole = await t.call('GET', `/communities/00000000-0000-4000-8000-000000000001`, { token: world.tokens.scrutineer });
    expect(wrongRole.statusCode).toBe(403);
    const malformed = await t.call('GET', `/communities/not-a-uuid`, { token: world.tokens.street });
    expect(malformed.statusCode).toBe(400);
  });
});
