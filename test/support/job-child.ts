/**
 * A separate API instance for the job fail-over test (test/api/jobs-failover.test.ts): it opens the same PostgreSQL
 * database, builds the app, starts its job worker (pg-boss) and, when asked, submits a voter-card job; then it
 * stays up until the test kills it (SIGKILL) or stops it (SIGTERM). Input comes as JSON in JOB_INPUT:
 *   { url, dataDir, today, staleSeconds, submit?: { communityId, token }, startWhenFileExists?: path, listen?: port }
 *   → prints "built"; then (once the file exists, when one is named) starts its worker and prints "ready"; then
 *   "submitted <jobId>". Waiting on a file lets the test have the process loaded, worker idle, before the other runs.
 *   With `listen` it also serves HTTP (test/api/scaled-proxy.test.ts: two instances behind the Caddyfile).
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { testConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { buildApp } from '../../src/http/app.js';

interface Input {
  readonly url: string;
  readonly dataDir: string;
  readonly today: string;
  readonly staleSeconds: number;
  readonly submit?: { readonly communityId: string; readonly token: string };
  readonly startWhenFileExists?: string;
  /** Also serve HTTP on 127.0.0.1 (0: any free port); prints "listening <port>". */
  readonly listen?: number;
}

const input = JSON.parse(process.env.JOB_INPUT ?? '{}') as Input;
const url = new URL(input.url);
url.searchParams.set('application_name', 'job-child');
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 6 });
const app = await buildApp({
  config: testConfig({ logLevel: 'silent', dataDir: input.dataDir, jobStaleSeconds: input.staleSeconds }),
  database,
  now: () => new Date(`${input.today}T12:00:00+08:00`),
});
await app.ready();
const say = (line: string) => process.stdout.write(`${line}\n`);
say('built');
if (input.listen !== undefined) {
  await app.listen({ port: input.listen, host: '127.0.0.1' });
  say(`listening ${(app.server.address() as { port: number }).port}`);
}
while (input.startWhenFileExists && !existsSync(input.startWhenFileExists)) await sleep(50);
await app.deps.jobs.start();
say('ready');
if (input.submit) {
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/communities/${input.submit.communityId}/documents/voter-cards/jobs?perPage=1`,
    headers: { authorization: `Bearer ${input.submit.token}` },
  });
  say(res.statusCode === 202 ? `submitted ${(res.json() as { jobId: string }).jobId}` : `refused ${res.statusCode} ${res.body.slice(0, 300)}`);
}
process.on('SIGTERM', () => {
  void app.close().then(() => database.close()).then(() => process.exit(0));
});
setInterval(() => undefined, 60_000);
