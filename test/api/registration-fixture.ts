/**
 * Typed builders for the registration API tests: district and street (admin), then a round and communities through
 * the registration routes, and scoped tokens signed directly (login is rate limited).
 */
import { expect } from 'vitest';
import { tokenAs, type TestApp } from '../support/app.js';
import { checkCharOf } from '../../src/domain/id-card.js';

/** A valid 18-character identity number born on `birth` (YYYY-MM-DD); odd sequence = male. */
export function idNumber(birth: string, seq = 123, region = '620102'): string {
  const body = `${region}${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return body + checkCharOf(body);
}

/** The legacy 15-digit form of a 19YY number. */
export function id15(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}

let counter = 0;
export const unique = (prefix: string): string => `${prefix}${process.pid}-${(counter += 1)}`;

export function tokenFor(t: TestApp, role: 'committee' | 'street' | 'bureau' | 'scrutineer' | 'admin', scopeId: string | null) {
  return tokenAs(t.app, { role, scopeId });
}

/** Phases used by these tests: today (2026-11-20) is inside the election phase. */
export const PHASES = [
  { name: 'mobilisation', from: '2026-10-01', to: '2026-10-31' },
  { name: 'election', from: '2026-11-01', to: '2026-12-26' },
  { name: 'wrap-up', from: '2026-12-27', to: '2026-12-31' },
];

export interface Street {
  readonly districtId: string;
  readonly streetId: string;
  readonly street: string;
  readonly bureau: string;
}

export async function createStreet(t: TestApp): Promise<Street> {
  const code = unique('s');
  const district = await t.call('POST', '/districts', { token: t.adminToken, body: { name: '城关区', code } });
  expect(district.statusCode, district.body).toBe(201);
  const districtId = (district.json() as { id: string }).id;
  const street = await t.call('POST', '/streets', { token: t.adminToken, body: { districtId, name: '酒泉路街道', code } });
  expect(street.statusCode, street.body).toBe(201);
  const streetId = (street.json() as { id: string }).id;
  return { districtId, streetId, street: await tokenFor(t, 'street', streetId), bureau: await tokenFor(t, 'bureau', districtId) };
}

export async function createRound(
  t: TestApp,
  s: Street,
  options: { profile?: unknown; phases?: typeof PHASES } = {},
): Promise<string> {
  const res = await t.call('POST', '/rounds', {
    token: s.street,
    body: { name: '2026年社区两委换届选举', streetId: s.streetId, profile: options.profile ?? 'lanzhou-2010', phases: options.phases ?? PHASES },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

export function communityBody(overrides: Record<string, unknown> = {}) {
  return {
    name: '张掖路社区',
    code: unique('c'),
    households: 1200,
    method: 'congress',
    electionDay: '2026-12-26',
    partyElectionDay: '2026-12-24',
    rcSeats: { director: 1, deputies: 2, members: 4 },
    party: { type: 'branch', members: 40, seats: 5 },
    ...overrides,
  };
}

export interface Community {
  readonly id: string;
  readonly roundId: string;
  readonly committee: string;
}

export async function createCommunity(t: TestApp, s: Street, roundId: string, overrides: Record<string, unknown> = {}): Promise<Community> {
  const res = await t.call('POST', `/rounds/${roundId}/communities`, { token: s.street, body: communityBody(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { id: string }).id;
  return { id, roundId, committee: await tokenFor(t, 'committee', id) };
}

/** A street with a lanzhou round and one community (election day 2026-12-26). */
export async function setup(t: TestApp, overrides: Record<string, unknown> = {}) {
  const s = await createStreet(t);
  const roundId = await createRound(t, s);
  const c = await createCommunity(t, s, roundId, overrides);
  return { s, roundId, c };
}

export type ErrorJson = { error: { code: string; rule?: string; message: string; messageZh: string; details?: unknown } };
