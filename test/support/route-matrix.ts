/**
 * The world the access-matrix test calls every route in: two districts (A and B), each with a street, round,
 * community (voters, published director candidates), meeting (quorate, one pending tally entry), an objection,
 * a filing and a job. Every route parameter maps to an object of A; the callers are scoped to A ("right") or to B
 * ("other"). Tokens are signed directly (login is rate limited and tested on its own).
 */
import { expect } from 'vitest';
import type { Role } from '../../src/http/auth.js';
import { tokenAs } from './app.js';
import { filings, objections, representatives } from '../../src/db/schema.js';
import { createJob } from '../../src/jobs/jobs.js';
import type { TestApp } from './app.js';
import { createCommunity, createMeeting, enter, nominateAndPublish } from '../api/election-fixture.js';

/** The role callers, in the column order of the matrix. */
export const ROLE_CALLERS = [
  'admin',
  'street',
  'street-x',
  'committee',
  'committee-x',
  'scrutineer',
  'scrutineer-x',
  'chief',
  'bureau',
  'bureau-x',
] as const;
/** Callers without a valid token. */
export const TOKEN_CALLERS = ['none', 'expired', 'tampered'] as const;
export type Caller = (typeof ROLE_CALLERS)[number] | (typeof TOKEN_CALLERS)[number];

export interface Side {
  readonly districtId: string;
  readonly streetId: string;
  readonly roundId: string;
  readonly communityId: string;
  readonly meetingId: string;
  readonly voterId: string;
  readonly nominationId: string;
  readonly tallyEntryId: string;
  readonly objectionId: string;
  readonly representativeId: string;
  readonly filingId: string;
  readonly jobId: string;
}

export interface World {
  readonly a: Side;
  readonly b: Side;
  readonly tokens: Record<Caller, string | null>;
}

const NAMES = ['丁一', '王二', '刘三'];

async function buildSide(t: TestApp): Promise<Side> {
  const c = await createCommunity(t, { names: NAMES, voters: 20 });
  const published = await nominateAndPublish(t, c, { contest: 'director', names: ['丁一', '王二'] });
  const m = await createMeeting(t, c, { expected: 20, present: 18 });
  const entry = await enter(t, m, m.scrutineers[0]!, {
    contest: 'director',
    issued: 18,
    returned: 18,
    invalid: 1,
    votes: { [published.idOf['丁一']!]: 12, [published.idOf['王二']!]: 5 },
  });
  expect(entry.statusCode, entry.body).toBe(201);
  const db = t.testDb.database.db;
  const [objection] = await db
    .insert(objections)
    .values({ communityId: c.id, kind: 'remove', filedOn: '2026-12-01', filedBy: '张三', voterId: c.voterIds[2]!, reason: '已迁出本社区' })
    .returning();
  const [representative] = await db
    .insert(representatives)
    .values({ communityId: c.id, kind: 'resident', voterId: c.voterIds[1]!, name: '代表甲' })
    .returning();
  const [filing] = await db
    .insert(filings)
    .values({ communityId: c.id, districtId: c.districtId, kind: 'rc', status: 'submitted', checks: [], history: [], submittedAt: new Date() })
    .returning();
  const job = await createJob(db, { kind: 'document:election-notice', communityId: c.id, createdBy: null });
  return {
    districtId: c.districtId,
    streetId: c.streetId,
    roundId: c.roundId,
    communityId: c.id,
    meetingId: m.id,
    voterId: c.voterIds[0]!,
    nominationId: published.nominationIds[0]!,
    tallyEntryId: (entry.json() as { id: string }).id,
    objectionId: objection!.id,
    representativeId: representative!.id,
    filingId: filing!.id,
    jobId: job.id,
  };
}

const sign = (t: TestApp, role: Role, scopeId: string | null, options: { chief?: boolean; ttl?: number } = {}) => {
  return tokenAs(t.app, { role, scopeId, chief: options.chief ?? false, ttl: options.ttl ?? 3600 });
};

/** A token whose payload was edited after signing (a street user making itself admin). */
export function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin', scopeId: null }), 'utf8').toString('base64url');
  return `${header}.${forged}.${signature}`;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const a = await buildSide(t);
  const b = await buildSide(t);
  const street = await sign(t, 'street', a.streetId);
  const tokens: Record<Caller, string | null> = {
    admin: t.adminToken,
    street,
    'street-x': await sign(t, 'street', b.streetId),
    committee: await sign(t, 'committee', a.communityId),
    'committee-x': await sign(t, 'committee', b.communityId),
    scrutineer: await sign(t, 'scrutineer', a.meetingId),
    // The chief of the other meeting: proves the scope check on chief-only routes, not only the chief flag.
    'scrutineer-x': await sign(t, 'scrutineer', b.meetingId, { chief: true }),
    chief: await sign(t, 'scrutineer', a.meetingId, { chief: true }),
    bureau: await sign(t, 'bureau', a.districtId),
    'bureau-x': await sign(t, 'bureau', b.districtId),
    none: null,
    expired: await sign(t, 'admin', null, { ttl: -60 }),
    tampered: tamper(street),
  };
  return { a, b, tokens };
}

/** The object of side A a route parameter names, from the path segment before it. */
export function paramValue(url: string, param: string, side: Side): string {
  if (param === 'kind') return 'election-notice';
  if (param === 'phase') return 'election';
  if (param === 'groupId' || param === 'unitId') return '00000000-0000-4000-8000-000000000000';
  if (param === 'entryId' || param === 'draftId' || param === 'relativesId') return '00000000-0000-4000-8000-000000000000';
  const before = url.split(`/:${param}`)[0]!.split('/').pop()!;
  const byCollection: Record<string, string> = {
    communities: side.communityId,
    rounds: side.roundId,
    meetings: side.meetingId,
    'tally-entries': side.tallyEntryId,
    objections: side.objectionId,
    representatives: side.representativeId,
    filings: side.filingId,
    nominations: side.nominationId,
    voters: side.voterId,
    jobs: side.jobId,
    districts: side.districtId,
    streets: side.streetId,
    // Users carry no district: the admin's calls reach a user that does not exist (404), everyone else is stopped first.
    users: '00000000-0000-4000-8000-000000000000',
    // No recall or vacancy is seeded (they follow a completed round): the routes are reached with an id that does not exist.
    recalls: '00000000-0000-4000-8000-000000000000',
    vacancies: '00000000-0000-4000-8000-000000000000',
  };
  const value = byCollection[before];
  if (!value) throw new Error(`route-matrix: no object for :${param} in ${url}; add it to paramValue`);
  return value;
}

export function fillUrl(url: string, side: Side): string {
  return url.replace(/:([A-Za-z]+)/g, (_m, param: string) => paramValue(url, param, side));
}
