/** Rounds this browser created or opened (a bridge until `GET /rounds` lists them). */
export interface RoundRef {
  readonly id: string;
  readonly name: string;
}

const KEY = 'huanjie.rounds';

export function rememberedRounds(): RoundRef[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as RoundRef[];
  } catch {
    return [];
  }
}

export function rememberRound(round: RoundRef): void {
  const others = rememberedRounds().filter((r) => r.id !== round.id);
  localStorage.setItem(KEY, JSON.stringify([{ id: round.id, name: round.name }, ...others].slice(0, 20)));
}
