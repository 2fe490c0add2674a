/**
 * The OpenAPI document is the front end's contract: every operation has an operationId and a Chinese summary, every
 * success body a type (no `{}` or open object), and web/src/api/schema.d.ts is exactly what openapi-typescript writes
 * from the document the app serves now (regenerate with `npm run api:types` and commit it when routes change).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentProblems, SCHEMA_FILE, servedDocument, typesOf } from '../../scripts/openapi.js';

let document: Record<string, unknown>;

beforeAll(async () => {
  document = await servedDocument();
}, 300_000);

describe('OpenAPI contract', () => {
  it('names and summarises every operation, and types every success body', () => {
    expect(documentProblems(document)).toEqual([]);
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    for (const id of ['Error', 'Me', 'VoterPage', 'RoundPage', 'MeetingResult']) expect(schemas, id).toHaveProperty(id);
  });

  it('finds an untyped body and a missing operationId (the check can fail)', () => {
    const broken = {
      paths: { '/x': { get: { summary: 'x', responses: { 200: { content: { 'application/json': { schema: { type: 'object', properties: { a: {} } } } } } } } } },
    };
    expect(documentProblems(broken)).toEqual(['GET /x: no operationId', 'GET /x: no Chinese summary', 'GET /x 200 application/json: untyped at .a']);
  });

  it(`${SCHEMA_FILE} is what the app serves now (npm run api:types)`, async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed === (await typesOf(document)), `${SCHEMA_FILE} is stale: run npm run api:types and commit it`).toBe(true);
  });
});
