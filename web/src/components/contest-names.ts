/** How a contest and its stage are named on the paper and on screen. */
const CONTEST_ZH: Readonly<Record<string, string>> = {
  director: '居民委员会主任',
  deputy: '居民委员会副主任',
  member: '居民委员会委员',
  committee: '居民委员会成员',
  party: '党组织委员会委员',
  secretary: '党组织书记',
  'deputy-secretary': '党组织副书记',
};
const STAGE_ZH: Readonly<Record<string, string>> = { main: '', runoff: '（另行选举）', revote: '（重新投票）', officers: '' };

export function contestName(contest: string, stage = 'main'): string {
  return `${CONTEST_ZH[contest] ?? contest}${STAGE_ZH[stage] ?? ''}`;
}

/** The sheet states as the server names them, with a colour for the tag. */
export const STATE_COLOR: Readonly<Record<string, string>> = {
  'not-entered': '#595959',
  'in-progress': '#0958d9',
  'entered-once': '#003eb3',
  mismatch: '#a8071a',
  confirmed: '#237804',
};
