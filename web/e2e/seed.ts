/**
 * Seeds a fresh server through its API as the people would: admin → district → street → users; the street group
 * opens a round around today (so every phase rule holds on whatever day the suite runs) and one congress-method
 * community; its election committee gets a user. Areas add what their screens start from here.
 */
import { ADMIN_PASSWORD, PASSWORD, type World } from './world';

type Json = Record<string, unknown>;

export function shiftDate(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function todayInShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function apiCaller(baseURL: string) {
  return async function call<T = Json>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
    const response = await fetch(`${baseURL}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
}

export async function login(baseURL: string, username: string, password: string): Promise<string> {
  const { token } = await apiCaller(baseURL)<{ token: string }>('POST', '/auth/login', { username, password });
  return token;
}

export async function seedWorld(baseURL: string): Promise<World> {
  const call = apiCaller(baseURL);
  const admin = await login(baseURL, 'admin', ADMIN_PASSWORD);
  const today = todayInShanghai();
  const electionDay = shiftDate(today, 25);

  const district = await call<{ id: string }>('POST', '/districts', { name: '兰州市城关区', code: 'cg01' }, admin);
  const street = await call<{ id: string }>('POST', '/streets', { districtId: district.id, name: '张掖路街道', code: 'zyl' }, admin);
  const users = { admin: 'admin', street: 'jiedao', committee: 'xuanwei', bureau: 'minzheng' } as const;
  await call('POST', '/users', { username: users.street, password: PASSWORD, role: 'street', scopeId: street.id }, admin);
  await call('POST', '/users', { username: users.bureau, password: PASSWORD, role: 'bureau', scopeId: district.id }, admin);
  const streetToken = await login(baseURL, users.street, PASSWORD);

  const round = await call<{ id: string }>(
    'POST',
    '/rounds',
    {
      name: '张掖路街道社区两委换届选举',
      streetId: street.id,
      profile: 'lanzhou-2010',
      phases: [
        { name: '宣传发动', from: shiftDate(today, -20), to: shiftDate(today, -1) },
        { name: '选举实施', from: today, to: shiftDate(electionDay, 3) },
        { name: '总结验收', from: shiftDate(electionDay, 4), to: shiftDate(electionDay, 30) },
      ],
    },
    streetToken,
  );
  const communityName = '秀川社区';
  const community = await call<{ id: string }>(
    'POST',
    `/rounds/${round.id}/communities`,
    {
      name: communityName,
      code: 'xc',
      households: 1200,
      method: 'congress',
      electionDay,
      rcSeats: { director: 1, deputies: 2, members: 4 },
      party: { type: 'general', members: 40, seats: 5 },
      time: '上午9:00',
      place: '秀川社区居委会会议室',
      issuer: '秀川社区居民选举委员会',
      representativeBasis: 'group',
    },
    streetToken,
  );
  await call('POST', '/users', { username: users.committee, password: PASSWORD, role: 'committee', scopeId: community.id }, admin);

  return {
    baseURL,
    districtId: district.id,
    streetId: street.id,
    roundId: round.id,
    communityId: community.id,
    communityName,
    today,
    electionDay,
    users,
  };
}
