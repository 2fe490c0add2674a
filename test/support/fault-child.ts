/**
 * A separate service process for the kill tests (test/api/faults-kill.test.ts): it opens the same PostgreSQL
 * database, builds the app and runs one use case through it, printing its progress on stdout, until the test
 * kills it with SIGKILL. Input comes as JSON in FAULT_INPUT.
 *   import: { url, communityId, token, csvFile, mode }        → prints "sending", then "done <json>"
 *   tally:  { url, meetingId, tokens: [a, b], sheets: [...] }  → prints "confirmed <i>" after each box
 */
import { readFileSync } from 'node:fs';
import { testConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/client.js';
import { buildApp } from '../../src/http/app.js';

interface ImportInput {
  readonly kind: 'import';
  readonly url: string;
  readonly communityId: string;
  readonly token: string;
  readonly csvFile: string;
  readonly mode: 'all' | 'partial';
  readonly today: string;
}
interface TallyInput {
  readonly kind: 'tally';
  readonly url: string;
  readonly meetingId: string;
  readonly tokens: readonly [string, string];
  readonly sheets: readonly Record<string, unknown>[];
  readonly today: string;
}

const input = JSON.parse(process.env.FAULT_INPUT ?? '{}') as ImportInput | TallyInput;
const url = new URL(input.url);
url.searchParams.set('application_name', 'fault-child');
const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
const app = await buildApp({
  config: testConfig({ logLevel: 'silent', uploadLimitBytes: 500 * 1024 * 1024 }),
  database,
  now: () => new Date(`${input.today}T12:00:00+08:00`),
});
await app.ready();
const say = (line: string) => process.stdout.write(`${line}\n`);

if (input.kind === 'import') {
  const body = readFileSync(input.csvFile);
  say('sending');
  const res = await app.inject({
    method: 'POST',
    url: `/api/v1/communities/${input.communityId}/voters/import?mode=${input.mode}`,
    headers: { authorization: `Bearer ${input.token}`, 'content-type': 'text/csv' },
    payload: body,
  });
  say(`done ${res.statusCode} ${res.body.slice(0, 200)}`);
} else {
  for (const [i, sheet] of input.sheets.entries()) {
    for (const token of input.tokens) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${input.meetingId}/tally-sheets`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(sheet),
      });
      if (res.statusCode !== 201) say(`refused ${i} ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    say(`confirmed ${i}`);
  }
  say('done');
}
await app.close();
await database.close();
