/** MTG-CHECKIN, AFT-RECALL, AFT-BY-ELECTION (docs/RULES.md, extensions): table-driven at each threshold. */
import { describe, expect, it } from 'vitest';
import { checkCheckIn, checkRecallPetition, checkVacancy, decideRecall, type CheckInFacts } from '../../src/domain/by-election.js';
import { PRESETS } from '../../src/domain/profile.js';
import { RULES } from '../../src/domain/rules/index.js';

const profile = PRESETS['lanzhou-2010'];
const reasons = (r: { ok: boolean; violations?: readonly { params: Record<string, unknown> }[] }) => (r.ok ? [] : r.violations!.map((v) => v.params.reason));

describe('MTG-CHECKIN: who may check in by voter card', () => {
  const base: CheckInFacts = { base: 'voters', name: '王建国', sameCommunity: true, representative: false, proxy: null };
  it.each<[string, Partial<CheckInFacts>, string[]]>([
    ['a voter of the community', {}, []],
    ['a card of another community', { sameCommunity: false }, ['other-community']],
    ['a non-representative at a congress', { base: 'representatives' }, ['not-representative']],
    ['a representative at a congress', { base: 'representatives', representative: true }, []],
    ['a households meeting', { base: 'households' }, ['base']],
    ['a party meeting', { base: 'party-members' }, ['base']],
    ['a proxy without a register entry', { proxy: { registeredHolder: null, holderCheckedIn: false } }, ['no-proxy']],
    ['a proxy before its holder checked in', { proxy: { registeredHolder: '李秀英', holderCheckedIn: false } }, ['holder-absent']],
    ['a proxy after its holder checked in', { proxy: { registeredHolder: '李秀英', holderCheckedIn: true } }, []],
  ])('%s', (_name, facts, expected) => {
    expect(reasons(checkCheckIn({ ...base, ...facts }))).toEqual(expected);
  });

  it('is decided by the registry entry MTG-CHECKIN with a Chinese message', () => {
    const outcome = RULES['MTG-CHECKIN'].evaluate({ ...base, sameCommunity: false }, profile);
    expect(outcome).toMatchObject({ status: 'breach', severity: 'hard' });
    expect(outcome.status === 'breach' && outcome.messageZh).toBe('王建国的选民证不属于本社区，不能在本次会议签到');
  });
});

describe('AFT-RECALL: the petition share and the vote', () => {
  it.each<[string, number, number, boolean]>([
    // voters: 1/5 of 30 → 6 (以上 includes the share itself)
    ['voters', 30, 5, false],
    ['voters', 30, 6, true],
    ['voters', 31, 6, false],
    ['voters', 31, 7, true],
    // representatives: 1/3 of 30 → 10
    ['representatives', 30, 9, false],
    ['representatives', 30, 10, true],
    ['voters', 0, 0, false],
    ['voters', 10, 11, false],
  ])('%s: %i in the base, %i signed → %s', (base, baseCount, petitioners, ok) => {
    expect(checkRecallPetition({ base: base as 'voters' | 'representatives', baseCount, petitioners }, profile).ok).toBe(ok);
  });

  it('takes the shares from the profile', () => {
    const strict = { ...profile, recallVoterShare: { num: 1, den: 2 } };
    expect(checkRecallPetition({ base: 'voters', baseCount: 30, petitioners: 14 }, strict).ok).toBe(false);
    expect(checkRecallPetition({ base: 'voters', baseCount: 30, petitioners: 15 }, strict).ok).toBe(true);
  });

  it.each<[number, number, number, boolean, string[]]>([
    [30, 15, 15, false, ['turnout']],
    [30, 16, 8, false, ['majority']],
    [30, 16, 9, true, []],
    [30, 30, 16, true, []],
    [30, 30, 15, false, ['majority']],
  ])('base %i, %i voted, %i for → recalled %s', (baseCount, returned, votesFor, recalled, why) => {
    const r = decideRecall({ base: 'voters', baseCount, returned, votesFor });
    expect(r.ok).toBe(recalled);
    expect(reasons(r)).toEqual(why);
  });

  it('is one registry entry for both stages', () => {
    expect(RULES['AFT-RECALL'].evaluate({ stage: 'petition', base: 'voters', baseCount: 30, petitioners: 5 }, profile)).toMatchObject({ status: 'breach', params: { required: 6, actual: 5 } });
    expect(RULES['AFT-RECALL'].evaluate({ stage: 'vote', base: 'voters', baseCount: 30, returned: 16, votesFor: 9 }, profile).status).toBe('pass');
  });
});

describe('AFT-BY-ELECTION: only a seat the round filled falls vacant', () => {
  it.each<[boolean, boolean]>([
    [true, true],
    [false, false],
  ])('elected %s → ok %s', (elected, ok) => {
    expect(checkVacancy({ name: '甲一', contest: '居民委员会委员', elected }).ok).toBe(ok);
    expect(RULES['AFT-BY-ELECTION'].evaluate({ name: '甲一', contest: '居民委员会委员', elected }, profile).status).toBe(ok ? 'pass' : 'breach');
  });
});
