/** `npm run api:types`: writes web/src/api/schema.d.ts from the OpenAPI document the app serves. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SCHEMA_FILE, servedDocument, typesOf } from './openapi.js';

const types = await typesOf(await servedDocument());
mkdirSync(dirname(SCHEMA_FILE), { recursive: true });
writeFileSync(SCHEMA_FILE, types);
console.log(`${SCHEMA_FILE}: ${types.length} bytes`);
