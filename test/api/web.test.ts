/** The built front end at `/`: files, the index.html fallback for client routes, and /api and /docs untouched. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
let webDir: string;

beforeAll(async () => {
  webDir = await mkdtemp(join(tmpdir(), 'huanjie-web-'));
  await mkdir(join(webDir, 'assets'));
  await writeFile(join(webDir, 'index.html'), '<!doctype html><title>换届</title><div id="root"></div>');
  await writeFile(join(webDir, 'assets', 'index-abc.js'), 'console.log(1)');
  t = await createTestApp({ config: { webDir } });
});
afterAll(async () => {
  await t.close();
  await rm(webDir, { recursive: true, force: true });
});

describe('front end', () => {
  it('serves index.html at / and for client routes, never cached', async () => {
    for (const url of ['/', '/voters', '/candidates/abc?tab=1']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
  });

  it('keeps the JSON 404 for the API, the docs and missing files', async () => {
    for (const url of ['/api/v1/nothing-here', '/api', '/docs/nothing-here', '/assets/missing.js']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
    const health = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(200);
  });

  it('is absent when the front end has not been built', async () => {
    const bare = await createTestApp({ config: { webDir: join(webDir, 'missing') } });
    try {
      const res = await bare.app.inject({ method: 'GET', url: '/voters' });
      expect(res.statusCode).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
