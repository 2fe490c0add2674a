/**
 * What comes before election day, through the API as the committee would do it: the election notice, residents'
 * groups, the voters (one CSV), the published voter list, the member candidates (nominated, reported, published in
 * ballot order), and three full party members. The clerk sets the meetings up on screen (the spec); the scrutineers'
 * accounts are then added for the meeting.
 */
import { PASSWORD } from './world';
type Call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown, token?: string) => Promise<T>;

/** JSON calls, and a CSV body when `body` is a string. */
export function caller(baseURL: string): Call {
  return async <T,>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const csv = typeof body === 'string';
    const response = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': csv ? 'text/csv' : 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: csv ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
/**
 * An identity number of the seeded voters. Each tag (each spec's community) issues from its own county code, because
 * one person registers once in the district (VOT-NO-DUP) and several specs seed a community of the same round.
 */
function idNumber(seq: number, tag: string): string {
  const county = String([...tag].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 97).padStart(2, '0');
  const body = `6201${county}198${seq % 10}0${(seq % 9) + 1}1${seq % 9}${String(100 + seq).slice(-3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + CHECK[sum % 11]!;
}

/** Candidates of the member contest (committee seats: 4 members), in the order they are nominated. */
export const MEMBER_NAMES = ['王建国', '李秀英', '张伟', '刘洋', '陈静'] as const;
export { PASSWORD };
/** Full members of the party roster; the spec excuses one of them from the party meeting it sets up. */
const PARTY_MEMBERS = ['王建国', '李秀英', '张伟'] as const;

export interface ElectionDay {
  /** Candidate name → id, and the ballot order. */
  readonly candidates: readonly { id: string; name: string }[];
  readonly scrutineers: { readonly typists: readonly [string, string]; readonly chief: string };
}

export async function seedElectionDay(
  call: Call,
  input: { communityId: string; committeeToken: string; today: string; tag: string },
): Promise<Pick<ElectionDay, 'candidates'>> {
  const { communityId: id, committeeToken: token, today, tag } = input;
  await call('POST', `/communities/${id}/documents/election-notice/issue`, { issuedOn: today }, token).catch(() => undefined);
  const group = await call<{ id: string }>('POST', `/communities/${id}/groups`, { name: `第1居民小组${tag}`, households: 60 }, token);
  const names = [...MEMBER_NAMES, ...Array.from({ length: 35 }, (_, i) => `居民${tag}${i + 1}`)];
  const csv = ['身份证号码,姓名,户籍/居住,户号,住址,居民小组']
    .concat(names.map((n, i) => `${idNumber(i + 1, tag)},${n},户籍,H${i + 1},秀川路${i + 1}号,第1居民小组${tag}`))
    .join('\r\n');
  const imported = await call<{ accepted: number; rejected: unknown[] }>('POST', `/communities/${id}/voters/import?mode=partial`, `\uFEFF${csv}`, token);
  if (imported.rejected.length > 0) throw new Error(`voters refused by the import: ${JSON.stringify(imported.rejected).slice(0, 500)}`);
  void group;
  await call('POST', `/communities/${id}/voter-list/publish`, { publishedOn: today }, token).catch(() => undefined);
  // The community is shared with the committee's spec, whose voters come first: each name is looked up by search.
  const idOf = new Map<string, string>();
  for (const name of new Set([...MEMBER_NAMES, ...PARTY_MEMBERS])) {
    const found = await call<{ items: { id: string; name: string }[] }>('GET', `/communities/${id}/voters?q=${encodeURIComponent(name)}&pageSize=5`, undefined, token);
    const voter = found.items.find((v) => v.name === name);
    if (!voter) throw new Error(`voter ${name} not registered`);
    idOf.set(name, voter.id);
  }
  for (const name of MEMBER_NAMES) {
    await call('POST', `/communities/${id}/nominations`, { contest: 'member', voterId: idOf.get(name), basis: 'committee', consent: true, education: 'high-school' }, token);
  }
  await call('POST', `/communities/${id}/candidates/preliminary-report`, { contest: 'member', reportedOn: today }, token);
  const list = await call<{ candidates: { id: string; name: string }[] }>('POST', `/communities/${id}/candidates/publish`, { contest: 'member', publishedOn: today }, token);
  await call('POST', `/communities/${id}/party-members/bulk`, { members: PARTY_MEMBERS.map((name) => ({ name, status: 'full', voterId: idOf.get(name) })) }, token);
  return { candidates: list.candidates };
}

/** The two typists and the chief scrutineer of a meeting the clerk has set up (user accounts are the admin's). */
export async function addScrutineers(call: Call, input: { meetingId: string; adminToken: string; tag: string }): Promise<ElectionDay['scrutineers']> {
  const users = [`jipiao1${input.tag}`, `jipiao2${input.tag}`, `zongjian${input.tag}`] as const;
  for (const [i, username] of users.entries()) {
    await call('POST', '/users', { username, password: PASSWORD, role: 'scrutineer', scopeId: input.meetingId, ...(i === 2 ? { chief: true } : {}) }, input.adminToken);
  }
  return { typists: [users[0], users[1]], chief: users[2] };
}

