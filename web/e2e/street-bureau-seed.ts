/**
 * A counted election for the street and bureau e2e, seeded through the API as the people would do it: a round whose
 * election took place yesterday, one direct-election community with 60 voters, published lists, a counted meeting
 * (double entry by two scrutineers, a run-off for the last member seats) — ready to be filed.
 */
import { apiCaller, login, shiftDate } from './seed';
import { ADMIN_PASSWORD, PASSWORD, type World } from './world';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid GB 11643 identity number (Lanzhou Chengguan, born 1970). */
function idNumber(seq: number): string {
  const body = `6201021970${String((seq % 12) + 1).padStart(2, '0')}${String((seq % 28) + 1).padStart(2, '0')}${String(100 + seq).slice(-3)}`;
  const sum = [...body].reduce((n, d, i) => n + Number(d) * WEIGHTS[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

export interface SeededElection {
  readonly roundId: string;
  readonly communityId: string;
  readonly communityName: string;
  readonly committeeUser: string;
}

export async function seedCountedElection(world: World): Promise<SeededElection> {
  const call = apiCaller(world.baseURL);
  const admin = await login(world.baseURL, 'admin', ADMIN_PASSWORD);
  const street = await login(world.baseURL, world.users.street, PASSWORD);
  const today = world.today;
  const electionDay = shiftDate(today, -1);
  const round = await call<{ id: string }>(
    'POST',
    '/rounds',
    {
      name: '张掖路街道2026年社区两委换届（已选举）',
      streetId: world.streetId,
      profile: 'lanzhou-2010',
      phases: [
        { name: '宣传发动', from: shiftDate(today, -60), to: shiftDate(today, -41) },
        { name: '选举实施', from: shiftDate(today, -40), to: shiftDate(today, 5) },
        { name: '总结验收', from: shiftDate(today, 6), to: shiftDate(today, 30) },
      ],
    },
    street,
  );
  const communityName = '金塔社区';
  const community = await call<{ id: string }>(
    'POST',
    `/rounds/${round.id}/communities`,
    {
      name: communityName,
      code: 'jt',
      households: 400,
      method: 'direct',
      electionDay,
      rcSeats: { director: 1, deputies: 2, members: 4 },
      party: { type: 'branch', members: 20, seats: 5 },
      time: '上午9:00',
      place: '金塔社区居委会会议室',
    },
    street,
  );
  const committeeUser = 'jinta-weiyuan';
  await call('POST', '/users', { username: committeeUser, password: PASSWORD, role: 'committee', scopeId: community.id }, admin);
  const committee = await login(world.baseURL, committeeUser, PASSWORD);
  const NAMES = ['丁一', '王二', '刘三', '李四', '赵五', '钱六', '孙七'];
  const ids: Record<string, string> = {};
  for (let i = 0; i < 60; i += 1) {
    const name = NAMES[i] ?? `选民${i + 1}`;
    const voter = await call<{ id: string }>('POST', `/communities/${community.id}/voters`, { idNumber: idNumber(i), name, residency: 'registered', householdNo: `H${i + 1}` }, committee);
    ids[name] = voter.id;
  }
  // TML-ORDER: the election notice before the voter list.
  await call('POST', `/communities/${community.id}/documents/election-notice/issue`, { issuedOn: shiftDate(today, -31) }, committee);
  await call('POST', `/communities/${community.id}/voter-list/publish`, { publishedOn: shiftDate(today, -30) }, committee);
  const publish = async (contest: string, names: string[]) => {
    for (const name of names) await call('POST', `/communities/${community.id}/nominations`, { contest, voterId: ids[name], basis: 'committee', consent: true }, committee);
    await call('POST', `/communities/${community.id}/candidates/preliminary-report`, { contest, reportedOn: shiftDate(today, -20) }, committee);
    const list = await call<{ candidates: { id: string; name: string }[] }>('POST', `/communities/${community.id}/candidates/publish`, { contest, publishedOn: shiftDate(today, -10) }, committee);
    return Object.fromEntries(list.candidates.map((c) => [c.name, c.id])) as Record<string, string>;
  };
  const director = await publish('director', ['王二', '丁一']);
  const members = await publish('member', ['孙七', '刘三', '钱六', '李四', '赵五']);
  const meeting = await call<{ id: string }>('POST', `/communities/${community.id}/meetings`, { kind: 'rc', date: electionDay, expected: 60 }, committee);
  await call('POST', `/meetings/${meeting.id}/attendance`, { present: 50 }, committee);
  const scrutineers: string[] = [];
  for (const n of [1, 2]) {
    await call('POST', '/users', { username: `jinta-jianpiao${n}`, password: PASSWORD, role: 'scrutineer', scopeId: meeting.id }, admin);
    scrutineers.push(await login(world.baseURL, `jinta-jianpiao${n}`, PASSWORD));
  }
  const twice = async (sheet: Record<string, unknown>) => {
    for (const token of scrutineers) await call('POST', `/meetings/${meeting.id}/tally-sheets`, { box: 'main', ...sheet }, token);
  };
  await twice({ contest: 'director', issued: 50, returned: 50, invalid: 2, votes: { [director['丁一']!]: 38, [director['王二']!]: 8, 吴九: 2 } });
  await twice({
    contest: 'member',
    issued: 50,
    returned: 50,
    invalid: 0,
    votes: { [members['刘三']!]: 40, [members['李四']!]: 35, [members['赵五']!]: 30, [members['钱六']!]: 20, [members['孙七']!]: 18 },
  });
  const result = await call<{ contests: { contest: string; stage: string; runoff?: { contestId: string } }[] }>('GET', `/meetings/${meeting.id}/result`, undefined, committee);
  const runoff = result.contests.find((c) => c.contest === 'member' && c.stage === 'main')?.runoff;
  if (runoff) await twice({ contest: 'member', contestId: runoff.contestId, issued: 50, returned: 50, invalid: 0, votes: { [members['钱六']!]: 30, [members['孙七']!]: 20 } });
  return { roundId: round.id, communityId: community.id, communityName, committeeUser };
}
