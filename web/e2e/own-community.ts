/**
 * A community of a spec's own in the seeded round, with its committee user: a spec that changes a community's state
 * works there, so that what one spec does cannot hold another's result up. And a browser page signed in as anyone.
 */
import type { Browser, Page } from '@playwright/test';
import { caller } from './election-day-seed';
import { login } from './seed';
import { ADMIN_PASSWORD, PASSWORD, type World } from './world';

export interface OwnCommunity {
  readonly id: string;
  /** The committee user's token. */
  readonly token: string;
  readonly adminToken: string;
  readonly streetToken: string;
}

/** Creates the community (`community` is the body of POST /rounds/:id/communities; the election day is the world's). */
export async function ownCommunity(world: World, input: { readonly username: string; readonly community: Record<string, unknown> }): Promise<OwnCommunity> {
  const call = caller(world.baseURL);
  const adminToken = await login(world.baseURL, 'admin', ADMIN_PASSWORD);
  const streetToken = await login(world.baseURL, world.users.street, PASSWORD);
  const { id } = await call<{ id: string }>('POST', `/rounds/${world.roundId}/communities`, { electionDay: world.electionDay, ...input.community }, streetToken);
  await call('POST', '/users', { username: input.username, password: PASSWORD, role: 'committee', scopeId: id }, adminToken);
  return { id, token: await login(world.baseURL, input.username, PASSWORD), adminToken, streetToken };
}

/** A page in a new browser context signed in with `token`: Chinese, Shanghai time, no motion (axe never sees a fade). */
export async function pageAs(browser: Browser, token: string, width = 1366): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', reducedMotion: 'reduce' });
  await context.addInitScript((value) => window.localStorage.setItem('huanjie.token', value), token);
  return context.newPage();
}
