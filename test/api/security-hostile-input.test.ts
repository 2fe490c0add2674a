/**
 * Hostile input (issue 8). fast-check sends malformed bodies (wrong types, huge strings, deep nesting, unicode,
 * nulls, extra and prototype-polluting fields) and query strings to every route, as a caller the route admits:
 * never a 500, always the error shape with a Chinese message. Then hostile CSV files through the voter import
 * (wrong encodings, missing columns, a 10 MB line, formula injection, BOM, CRLF): never a 500, never a partial
 * write. Body and upload sizes are limited (413).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { sql } from 'drizzle-orm';
import { createTestApp, tokenAs, type TestApp } from '../support/app.js';
import { dbKind } from '../support/database.js';
import { buildWorld, fillUrl, ROLE_CALLERS, type World } from '../support/route-matrix.js';
import { idNumber, setup } from './registration-fixture.js';

const UPLOAD_LIMIT = 12 * 1024 * 1024;
const ALLOWED = new Set([200, 201, 202, 400, 404, 409, 413, 415, 422]);

let t: TestApp;
let world: World;
let reviewer: string;
let openapi: { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }; parameters?: { in: string; name: string }[] }>> };

beforeAll(async () => {
  t = await createTestApp({ today: '2026-12-21', config: { dataDir: mkdtempSync(join(tmpdir(), 'hostile-')), uploadLimitBytes: UPLOAD_LIMIT } });
  world = await buildWorld(t);
  openapi = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
  // The department reviewer (CAN-VETTING) is scoped to a department the round names, not a matrix caller: one is made.
  const vetting = await t.call('PUT', `/rounds/${world.a.roundId}/vetting`, { token: world.tokens.street!, body: { option: null, departments: ['公安'] } });
  expect(vetting.statusCode, vetting.body).toBe(200);
  reviewer = await tokenAs(t.app, { role: 'reviewer', scopeId: (vetting.json() as { departments: { id: string }[] }).departments[0]!.id });
}, 240_000);
afterAll(async () => t?.close());

type ErrorJson = { error?: { code?: unknown; message?: unknown; messageZh?: unknown } };

function checkAnswer(label: string, status: number, body: string, extra: readonly number[] = []): void {
  if (!ALLOWED.has(status) && !extra.includes(status)) throw new Error(`${label}: status ${status}: ${body.slice(0, 300)}`);
  if (status >= 400) {
    const json = JSON.parse(body) as ErrorJson;
    if (typeof json.error?.code !== 'string' || typeof json.error.messageZh !== 'string' || json.error.messageZh.length === 0) {
      throw new Error(`${label}: ${status} without the error shape: ${body.slice(0, 300)}`);
    }
    if (/\bat .+\.(ts|js):\d+/.test(body)) throw new Error(`${label}: stack trace in the answer`);
  }
}

// ------------------------------------------------------------------------------------------- generators

const hugeString = fc.constantFrom('x'.repeat(100_000), '中'.repeat(30_000), '\u0000'.repeat(1000), '\uD800', '🗳️'.repeat(5000));
const trickyString = fc.constantFrom('', ' ', '2026-02-30', '1970-01-01', '9999-12-31', 'NaN', '-1', '1e309', 'null', '../../etc/passwd', "'; drop table voters; --", '<script>alert(1)</script>', "=cmd|' /C calc'!A0", '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-4fff-bfff-ffffffffffff', '\r\n', '\uFEFF');
const leaf = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  trickyString,
  hugeString,
  fc.integer(),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 10_000_001),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
);
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 })),
}));

function deep(depth: number): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) v = i % 2 ? [v] : { a: v };
  return v;
}

/** A JSON body: anything at all, or an object over the route's own field names (and a few hostile ones). */
function bodyFor(keys: readonly string[]): fc.Arbitrary<string> {
  const fields = keys.length ? keys : ['id', 'name'];
  const objects = fc.dictionary(fc.constantFrom(...fields, 'extra', 'constructor', 'role', 'scopeId'), value, { maxKeys: fields.length + 2 });
  const typed = fc.record(Object.fromEntries(fields.map((k) => [k, value])), { requiredKeys: [] });
  return fc.oneof(
    { arbitrary: typed.map((o) => JSON.stringify(o)), weight: 4 },
    { arbitrary: objects.map((o) => JSON.stringify(o)), weight: 2 },
    { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 1 },
    { arbitrary: fc.constantFrom('{"__proto__":{"role":"admin"}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":', '[', 'null', '"str"', '1e999', '\uFEFF{}', '{"a":1,"a":2}'), weight: 1 },
    { arbitrary: fc.constantFrom(200, 3000).map((d) => JSON.stringify(deep(d))), weight: 1 },
  );
}

const queryArb = (keys: readonly string[]) =>
  fc
    .dictionary(fc.constantFrom(...keys, 'page', 'pageSize', 'q', 'mode', 'x', '__proto__', 'constructor'), fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), trickyString, fc.integer().map(String)), { maxKeys: 4 })
    .map((d) => Object.entries(d).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));

// ---------------------------------------------------------------------------------------------- helpers

const openapiPath = (url: string) => url.replace(/:([A-Za-z]+)/g, '{$1}');

function bodyKeys(method: string, url: string): string[] {
  const op = openapi.paths[openapiPath(url)]?.[method.toLowerCase()];
  return Object.keys(op?.requestBody?.content?.['application/json']?.schema?.properties ?? {});
}
function queryKeys(method: string, url: string): string[] {
  const op = openapi.paths[openapiPath(url)]?.[method.toLowerCase()];
  return (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
}

/** A caller the route lets through (so the body reaches validation and the handler), found by asking. */
async function admittedCaller(method: string, url: string): Promise<string | null> {
  for (const token of [...ROLE_CALLERS.map((caller) => world.tokens[caller]!), reviewer]) {
    const res = await t.app.inject({ method: method as 'GET', url: fillUrl(url, world.a), headers: { authorization: `Bearer ${token}` }, ...(method === 'GET' ? {} : { payload: '[]', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }) });
    if (res.statusCode !== 401 && res.statusCode !== 403) return token;
  }
  return null;
}

describe(`hostile bodies and query strings on ${dbKind}`, () => {
  it('never answers 500 to a malformed JSON body, on any route, and always in the error shape', async () => {
    let sent = 0;
    const routes = t.app.apiRoutes.filter((r) => r.method !== 'GET');
    for (const { method, url } of routes) {
      const token = await admittedCaller(method, url);
      expect(token, `${method} ${url}: no caller is admitted`).not.toBeNull();
      const path = fillUrl(url, world.a);
      const login = url.endsWith('/auth/login');
      await fc.assert(
        fc.asyncProperty(bodyFor(bodyKeys(method, url)), async (payload) => {
          sent += 1;
          const res = await t.app.inject({ method: method as 'POST', url: path, payload, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });
          checkAnswer(`${method} ${url} ${payload.slice(0, 120)}`, res.statusCode, res.body, login ? [401, 429] : [401]);
        }),
        { numRuns: login ? 10 : 30, seed: 20261221 },
      );
    }
    expect(sent).toBeGreaterThan(1000);
  }, 300_000);

  it('never answers 500 to hostile query strings, on any route', async () => {
    let sent = 0;
    for (const { method, url } of t.app.apiRoutes) {
      const token = await admittedCaller(method, url);
      const path = fillUrl(url, world.a);
      // Rendering is the expensive part of the papers; a few runs reach every renderer's query handling.
      const runs = url.endsWith('.pdf') || url.endsWith('.xlsx') || url.endsWith('/jobs') ? 3 : 12;
      await fc.assert(
        fc.asyncProperty(queryArb(queryKeys(method, url)), async (query) => {
          sent += 1;
          const res = await t.app.inject({
            method: method as 'GET',
            url: `${path}?${query}`,
            headers: { authorization: `Bearer ${token}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
            ...(method === 'GET' ? {} : { payload: '[]' }),
          });
          checkAnswer(`${method} ${url}?${query}`, res.statusCode, res.body, url.endsWith('/auth/login') ? [401, 429] : [401]);
        }),
        { numRuns: runs, seed: 20261222 },
      );
    }
    expect(sent).toBeGreaterThan(500);
  }, 300_000);

  it('answers malformed ids in the path with 400 or 404, never 500', async () => {
    for (const { method, url } of t.app.apiRoutes.filter((r) => r.url.includes(':id'))) {
      for (const bad of ['x', '1', `${world.a.communityId}x`, '%00', '..%2F..%2F', 'ffffffff-ffff-ffff-ffff-ffffffffffff', encodeURIComponent('中文')]) {
        const res = await t.app.inject({ method: method as 'GET', url: url.replace(':id', bad).replace(/:([A-Za-z]+)/g, 'election-notice'), headers: { authorization: `Bearer ${t.adminToken}` } });
        checkAnswer(`${method} ${url} id=${bad}`, res.statusCode, res.body, [401, 403]);
      }
    }
  });

  it('answers 400, not 500, to text the database cannot store (NUL characters)', async () => {
    const url = `/api/v1/communities/${world.a.communityId}/groups`;
    const res = await t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${world.tokens.committee}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: '第一\u0000组', households: 10 }),
    });
    checkAnswer('NUL in a name', res.statusCode, res.body);
    expect(res.statusCode).toBe(400);
  });

  it('limits body size (413) and refuses unknown content types (415), in the error shape', async () => {
    const url = `/api/v1/communities/${world.a.communityId}/voters`;
    const headers = { authorization: `Bearer ${world.tokens.committee}`, 'content-type': 'application/json' };
    const big = await t.app.inject({ method: 'POST', url, headers, payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }) });
    expect(big.statusCode).toBe(413);
    expect((big.json() as ErrorJson).error).toMatchObject({ code: 'BODY_TOO_LARGE', messageZh: expect.any(String) });
    const xml = await t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/xml' }, payload: '<voter/>' });
    expect(xml.statusCode).toBe(415);
    expect((xml.json() as ErrorJson).error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    const polluted = await t.app.inject({ method: 'POST', url, headers, payload: '{"__proto__":{"role":"admin"},"idNumber":"1","name":"x","residency":"registered"}' });
    expect(polluted.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
});

// ------------------------------------------------------------------------------------------------- CSV

describe(`hostile voter files on ${dbKind}`, () => {
  let communityId: string;
  let committee: string;
  beforeAll(async () => {
    const { c } = await setup(t);
    communityId = c.id;
    committee = c.committee;
  });

  const count = async (): Promise<number> =>
    Number(((await t.testDb.database.db.execute(sql`select count(*)::int as n from voters where community_id = ${communityId}`)) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  const upload = (body: string | Buffer, mode: 'all' | 'partial' = 'all', type = 'text/csv') =>
    t.app.inject({ method: 'POST', url: `/api/v1/communities/${communityId}/voters/import?mode=${mode}`, payload: body, headers: { authorization: `Bearer ${committee}`, 'content-type': type } });
  const people = (n: number, from: number) => Array.from({ length: n }, (_, i) => `${idNumber('1975-06-15', from + i)},居民${from + i},户籍`);

  it('refuses or reports every hostile file without a 500, and mode=all writes nothing unless the whole file is good', async () => {
    const good = people(5, 500);
    const cases: Record<string, string | Buffer> = {
      'missing columns': ['name,residency', '张三,户籍'].join('\n'),
      'only a header': 'idNumber,name,residency',
      empty: '',
      'binary garbage': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'UTF-16LE with BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(['idNumber,name,residency', ...good].join('\n'), 'utf16le')]),
      'formula injection rows': ['idNumber,name,residency', ...good, `${idNumber('1975-06-15', 600)},=cmd|' /C calc'!A0,户籍`, `=1+1,@SUM(A1),户籍`, `${idNumber('1975-06-15', 601)},+1,=HYPERLINK("x")`].join('\r\n'),
      'unterminated quote': ['idNumber,name,residency', ...good, `"${idNumber('1975-06-15', 602)},未闭合,户籍`].join('\n'),
      'mixed line endings and BOM': `\uFEFF${['idNumber,name,residency', ...good].join('\r\n')}\r${idNumber('1975-06-15', 603)},回车,火星`,
      'a 10 MB line': `idNumber,name,residency\n${idNumber('1975-06-15', 604)},${'长'.repeat(3_500_000)},户籍\n`,
      'ten thousand columns': `${'idNumber,name,residency,'.repeat(3333)}x\n${good[0]}`,
      'NUL bytes': ['idNumber,name,residency', ...good, `${idNumber('1975-06-15', 605)},\u0000\u0000,户籍`].join('\n'),
    };
    for (const [label, body] of Object.entries(cases)) {
      const before = await count();
      const res = await upload(body, 'all');
      checkAnswer(`CSV ${label}`, res.statusCode, res.body);
      const after = await count();
      if (res.statusCode === 200) {
        const report = res.json() as { accepted: number; rejected: unknown[]; committed: boolean };
        // All or nothing: either every row went in, or none.
        if (report.rejected.length > 0) expect(after, `${label}: a refused file wrote rows`).toBe(before);
        else expect(after - before, label).toBe(report.accepted);
      } else {
        expect(after, `${label}: a refused upload wrote rows`).toBe(before);
      }
    }
  }, 180_000);

  it('answers a broken form upload (no boundary, cut off, no file) with 400 and writes nothing', async () => {
    const before = await count();
    const part = (name: string, filename: string) => `--XYZ\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
    const cases: [string, string][] = [
      ['multipart/form-data', 'no boundary at all'],
      ['multipart/form-data; boundary=XYZ', 'no part at all'],
      ['multipart/form-data; boundary=XYZ', `${part('file', 'a.csv')}idNumber,name,residency\n${idNumber('1975-06-15', 900)},截断,户籍`],
      ['multipart/form-data; boundary=XYZ', '--XYZ--\r\n'],
    ];
    for (const [type, body] of cases) {
      const res = await upload(body, 'partial', type);
      expect(res.statusCode, `${type} ${body.slice(0, 30)}: ${res.body}`).toBe(400);
      expect((res.json() as { error: { messageZh: string } }).error.messageZh).toMatch(/表单/);
    }
    expect(await count()).toBe(before);
  });

  it('in partial mode stores exactly the accepted rows, and the formula stays text in the export', async () => {
    const before = await count();
    const csv = [
      'idNumber,name,residency',
      ...people(3, 700),
      `${idNumber('1975-06-15', 710)},"=cmd|' /C calc'!A0",户籍`,
      '123,坏行,户籍',
      `${idNumber('1975-06-15', 711)},空\u0000字符,户籍`, // row 7: a NUL cannot be stored; only this row is refused
    ].join('\r\n');
    const res = await upload(`\uFEFF${csv}`, 'partial');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as { accepted: number; rejected: { row: number; code: string; message: string }[] };
    expect(report.accepted).toBe(4);
    expect(report.rejected.map((r) => r.row)).toEqual([6, 7]);
    expect(report.rejected[0]!.message.length).toBeGreaterThan(0);
    expect(report.rejected[1]).toMatchObject({ code: 'IMPORT_FORMAT', message: expect.stringContaining('空字符') });
    expect(await count()).toBe(before + 4);
    const exported = await t.app.inject({ method: 'GET', url: `/api/v1/communities/${communityId}/voters/export.xlsx`, headers: { authorization: `Bearer ${committee}` } });
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.value ?? ''))));
    expect(texts).toContain("'=cmd|' /C calc'!A0");
    expect(texts.some((s) => s.startsWith('='))).toBe(false);
  });

  it('stops an upload larger than the limit with 413 and writes nothing', async () => {
    const before = await count();
    const line = `${idNumber('1975-06-15', 800)},${'大'.repeat(1000)},户籍\n`;
    const body = `idNumber,name,residency\n${line.repeat(Math.ceil((UPLOAD_LIMIT + 1024) / Buffer.byteLength(line)))}`;
    const res = await upload(body, 'partial');
    expect(res.statusCode).toBe(413);
    expect((res.json() as ErrorJson).error).toMatchObject({ code: 'BODY_TOO_LARGE', messageZh: expect.stringContaining('MB') });
    expect(await count()).toBe(before);
  }, 120_000);

  it('keeps the audit chain whole after all of it', async () => {
    const res = await t.call('GET', '/audit/verify', { token: t.adminToken });
    expect(res.json()).toMatchObject({ ok: true });
  });
});
