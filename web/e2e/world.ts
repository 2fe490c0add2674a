/** What the global setup seeded (ids and the users of each role), handed to the tests through the environment. */
export const PASSWORD = 'E2e-Passw0rd!';
export const ADMIN_PASSWORD = 'E2e-Admin-Passw0rd!';

export interface World {
  readonly baseURL: string;
  readonly districtId: string;
  readonly streetId: string;
  readonly roundId: string;
  readonly communityId: string;
  readonly communityName: string;
  /** Calendar dates (YYYY-MM-DD, Asia/Shanghai) the seed was built around. */
  readonly today: string;
  readonly electionDay: string;
  /** User name per role; every password is PASSWORD (admin: ADMIN_PASSWORD). */
  readonly users: { readonly admin: string; readonly street: string; readonly committee: string; readonly bureau: string };
}

export function readWorld(): World {
  const raw = process.env.E2E_WORLD;
  if (!raw) throw new Error('E2E_WORLD is not set: run the tests through playwright (global setup seeds the world)');
  return JSON.parse(raw) as World;
}
