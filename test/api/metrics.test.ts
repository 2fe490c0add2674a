/** `GET /metrics` (issue 19): event-loop delay, request durations and pool waits; localhost or an admin only. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { tokenFor } from './registration-fixture.js';
import { PassThrough } from 'node:stream';
import * as sample from '../pdf/sample.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const metrics = (remoteAddress: string, token?: string) =>
  t.app.inject({ method: 'GET', url: '/metrics', remoteAddress, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe(`metrics on ${dbKind}`, () => {
  it('answers localhost with the event-loop delay, request durations and (PostgreSQL) pool waits', async () => {
    await t.call('GET', '/health');
    const res = await metrics('127.0.0.1');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/^nodejs_eventloop_lag_p99_seconds \d/m);
    expect(res.body).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health",status="200"\} [1-9]/m);
    if (dbKind === 'postgres') {
      expect(res.body).toMatch(/^db_pool_wait_seconds_count [1-9]/m);
      expect(res.body).toMatch(/^db_pool_clients\{state="waiting"\} \d/m);
    }
  });

  it('counts the paper render threads: none before the first paper, one after it', async () => {
    expect((await metrics('127.0.0.1')).body).toMatch(/^render_threads\{state="running"\} 0$/m);
    const out = new PassThrough();
    out.resume();
    await t.app.deps.renderer.render({ kind: 'ballot', vm: sample.ballot() }, out);
    const body = (await metrics('127.0.0.1')).body;
    expect(body).toMatch(/^render_threads\{state="running"\} 1$/m);
    expect(body).toMatch(/^render_threads\{state="queued"\} 0$/m);
  });

  it('refuses anyone else but an admin', async () => {
    expect((await metrics('10.1.2.3')).statusCode).toBe(403);
    expect((await metrics('10.1.2.3', await tokenFor(t, 'committee', null))).statusCode).toBe(403);
    expect((await metrics('10.1.2.3', 'not-a-token')).statusCode).toBe(403);
    expect((await metrics('10.1.2.3', t.adminToken)).statusCode).toBe(200);
  });
});
