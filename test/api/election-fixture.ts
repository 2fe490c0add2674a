/**
 * Typed builders for the election API tests: a district, street, round and community with voters, then the
 * committee's and scrutineers' tokens. Districts and streets go through the API; rounds, communities and voters are
 * seeded through the schema until the registration routes are in (the rest of every test goes through the API).
 */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { checkCharOf } from '../../src/domain/id-card.js';
import { communities, notices, rounds, voterListPublications, voters } from '../../src/db/schema.js';
import { tokenAs, type TestApp } from '../support/app.js';

/** A valid GB 11643 identity number (region 620102, Lanzhou Chengguan); the check character from the domain. */
export function idNumber(birth: string, seq: number): string {
  const body = `620102${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return body + checkCharOf(body);
}

let counter = 0;

/**
 * A token for a scoped user without going through login (which is rate limited to 20 a minute per client):
 * the guard needs only the signed principal.
 */
export function tokenFor(t: TestApp, role: 'committee' | 'scrutineer' | 'street' | 'bureau', scopeId: string, chief = false) {
  return tokenAs(t.app, { role, scopeId, chief });
}

export interface CommunityOptions {
  readonly method?: 'congress' | 'direct' | 'household';
  readonly electionDay?: string;
  readonly rcSeats?: { director: number; deputies: number; members: number };
  readonly party?: { type: 'branch' | 'general' | 'committee'; members: number; seats: number };
  /** Names of the first voters (candidates); more are added up to `voters`. */
  readonly names?: readonly string[];
  readonly voters?: number;
  readonly profile?: Record<string, unknown>;
  /** The round's dated phases (TML-PHASE); one election phase over November and December 2026 by default. */
  readonly phases?: readonly { name: string; from: string; to: string }[];
  /**
   * The election notice (第1号, 2026-11-01) and the voter list (第2号, 2026-11-02) already out, as TML-ORDER requires
   * before a candidate list (default). `false`: neither; the test issues them through the API itself.
   */
  readonly listsPublished?: boolean;
}

export interface Community {
  readonly id: string;
  readonly districtId: string;
  readonly streetId: string;
  readonly committee: string;
  readonly voterIds: string[];
  readonly byName: Record<string, string>;
  readonly roundId: string;
}

export async function createCommunity(t: TestApp, options: CommunityOptions = {}): Promise<Community> {
  counter += 1;
  const code = `e${process.pid}-${counter}`;
  const district = (await t.call('POST', '/districts', { token: t.adminToken, body: { name: '城关区', code } })).json() as { id: string };
  const street = (await t.call('POST', '/streets', { token: t.adminToken, body: { districtId: district.id, name: '酒泉路街道', code } })).json() as {
    id: string;
  };
  const db = t.testDb.database.db;
  const electionDay = options.electionDay ?? '2026-12-26';
  const [round] = await db
    .insert(rounds)
    .values({
      districtId: district.id,
      streetId: street.id,
      name: '2026年社区两委换届',
      term: 2026,
      profileName: 'lanzhou-2010',
      profile: options.profile ?? {},
      phases: options.phases ?? [{ name: 'elections', from: '2026-11-01', to: '2026-12-31' }],
    })
    .returning();
  const [community] = await db
    .insert(communities)
    .values({
      roundId: round!.id,
      districtId: district.id,
      streetId: street.id,
      name: '张掖路社区',
      code,
      households: 400,
      method: options.method ?? 'direct',
      electionDay,
      partyElectionDay: '2026-12-24',
      rcSeats: options.rcSeats ?? { director: 1, deputies: 2, members: 4 },
      party: options.party ?? { type: 'branch', members: 20, seats: 5 },
    })
    .returning();
  const names = options.names ?? [];
  const total = Math.max(options.voters ?? 20, names.length);
  const rows = Array.from({ length: total }, (_, i) => {
    const id = idNumber(`1970-01-${String((i % 28) + 1).padStart(2, '0')}`, counter * 1000 + i * 2 + 1);
    return {
      id: randomUUID(),
      districtId: district.id,
      term: 2026,
      roundId: round!.id,
      communityId: community!.id,
      idNumber: `${id.slice(0, 14)}${id.slice(14)}`,
      idLast4: id.slice(-4),
      name: names[i] ?? `选民${i + 1}`,
      birthDate: `1970-01-${String((i % 28) + 1).padStart(2, '0')}`,
      sex: 'male' as const,
      householdNo: `H${i + 1}`,
      residency: 'registered' as const,
    };
  });
  for (let i = 0; i < rows.length; i += 1000) await db.insert(voters).values(rows.slice(i, i + 1000));
  if (options.listsPublished !== false) {
    await db.insert(notices).values([
      { communityId: community!.id, number: 1, kind: 'election-notice', title: '张掖路社区居民委员会换届选举公告', issuedOn: '2026-11-01' },
      { communityId: community!.id, number: 2, kind: 'voter-list', title: '选民名单公告', issuedOn: '2026-11-02' },
    ]);
    await db.insert(voterListPublications).values({ communityId: community!.id, publishedOn: '2026-11-02', noticeNo: 2 });
  }
  const committee = await tokenFor(t, 'committee', community!.id);
  return {
    id: community!.id,
    districtId: district.id,
    streetId: street.id,
    committee,
    voterIds: rows.map((r) => r.id),
    byName: Object.fromEntries(rows.map((r) => [r.name, r.id])),
    roundId: round!.id,
  };
}

/** Nominates each named voter for the contest (by the committee) and publishes the list. */
export async function nominateAndPublish(
  t: TestApp,
  c: Community,
  input: { contest: string; names: readonly string[]; publishedOn?: string; ballot?: 'secret' | 'show-of-hands' },
) {
  const ids: string[] = [];
  for (const name of input.names) {
    const res = await t.call('POST', `/communities/${c.id}/nominations`, {
      token: c.committee,
      body: { contest: input.contest, voterId: c.byName[name], basis: 'committee', consent: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push((res.json() as { id: string }).id);
  }
  const res = await t.call('POST', `/communities/${c.id}/candidates/publish`, {
    token: c.committee,
    body: { contest: input.contest, publishedOn: input.publishedOn ?? '2026-12-20', ...(input.ballot ? { ballot: input.ballot } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  const list = res.json() as { candidates: { id: string; name: string; order: number }[] };
  return { nominationIds: ids, list, idOf: Object.fromEntries(list.candidates.map((x) => [x.name, x.id])) as Record<string, string> };
}

export interface Meeting {
  readonly id: string;
  readonly scrutineers: string[];
  readonly chief: string;
}

export async function createMeeting(
  t: TestApp,
  c: Community,
  input: { kind?: 'rc' | 'party'; expected: number; present?: number; boxes?: { name: string; kind: 'main' | 'station' | 'mobile'; monitors?: string[] }[] },
): Promise<Meeting> {
  const res = await t.call('POST', `/communities/${c.id}/meetings`, {
    token: c.committee,
    body: { kind: input.kind ?? 'rc', date: '2026-12-26', expected: input.expected, ...(input.boxes ? { boxes: input.boxes } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = (res.json() as { id: string }).id;
  if (input.present !== undefined) {
    const att = await t.call('POST', `/meetings/${id}/attendance`, { token: c.committee, body: { present: input.present } });
    expect(att.statusCode, att.body).toBe(200);
  }
  const scrutineers = [await tokenFor(t, 'scrutineer', id), await tokenFor(t, 'scrutineer', id), await tokenFor(t, 'scrutineer', id)];
  const chief = await tokenFor(t, 'scrutineer', id, true);
  return { id, scrutineers, chief };
}

export interface Sheet {
  contest: string;
  contestId?: string;
  box?: string;
  issued: number;
  returned: number;
  invalid: number;
  overvoted?: number;
  votes: Record<string, number>;
  correctionOf?: string;
  reason?: string;
  finishWithErrors?: boolean;
}

export const enter = (t: TestApp, m: Meeting, token: string, sheet: Sheet) =>
  t.call('POST', `/meetings/${m.id}/tally-sheets`, { token, body: { box: 'main', ...sheet } });

/** Two scrutineers enter the same sheet; it is confirmed. */
export async function enterTwice(t: TestApp, m: Meeting, sheet: Sheet) {
  const a = await enter(t, m, m.scrutineers[0]!, sheet);
  expect(a.statusCode, a.body).toBe(201);
  const b = await enter(t, m, m.scrutineers[1]!, sheet);
  expect(b.statusCode, b.body).toBe(201);
  expect((b.json() as { status: string }).status).toBe('confirmed');
  return b.json() as { id: string; sheetId: string; contestId: string };
}

export interface ResultBody {
  contests: {
    contestId: string | null;
    contest: string;
    stage: string;
    valid: boolean;
    complete: boolean;
    elected: { candidateId?: string; name: string; votes: number }[];
    votes: { candidateId?: string; name: string; votes: number; writeIn: boolean }[];
    tie?: { votes: number; seats: number; people: { name: string }[] };
    revote?: { contestId: string | null; seats: number; candidates: { id: string; name: string }[] };
    runoff?: { contestId: string | null; seats: number; candidates: { id: string; name: string }[] };
    vacancies: number;
    rules: { rule: string; status: 'pass' | 'fail' | 'warning' | 'n/a'; details: Record<string, unknown> }[];
    totals: { issued: number; returned: number; valid: number; invalid: number; overvoted: number };
  }[];
}

export async function result(t: TestApp, m: Meeting, token: string): Promise<ResultBody> {
  const res = await t.call('GET', `/meetings/${m.id}/result`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ResultBody;
}
