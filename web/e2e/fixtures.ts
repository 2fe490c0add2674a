/**
 * Fixtures per role: a page already signed in as that role (token placed in storage before the app loads), the
 * seeded world, an API caller, and `snap(page, name)`: axe check + screenshot under test-results/screens/. Every page
 * fails its test on a Content-Security-Policy violation.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expectAccessible } from './axe';
import { apiCaller, login } from './seed';
import { ADMIN_PASSWORD, PASSWORD, readWorld, type World } from './world';

export const SCREENS_DIR = resolve(import.meta.dirname, '..', 'test-results', 'screens');

type Role = keyof World['users'];

async function signedIn(page: Page, world: World, role: Role): Promise<string> {
  const token = await login(world.baseURL, world.users[role], role === 'admin' ? ADMIN_PASSWORD : PASSWORD);
  await page.addInitScript((value) => window.localStorage.setItem('huanjie.token', value), token);
  return token;
}

interface Fixtures {
  world: World;
  call: ReturnType<typeof apiCaller>;
  committeePage: Page;
  streetPage: Page;
  bureauPage: Page;
  adminPage: Page;
  /** Token of the role's user for direct API calls in a test's arrangement. */
  tokenOf: (role: Role) => Promise<string>;
  /** Waits for the page to settle, checks it with axe, and writes test-results/screens/<name>.png. */
  snap: (page: Page, name: string) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  // Every page is watched for Content-Security-Policy violations (the service sends a strict policy, issue 20): a
  // script, style, frame or image the policy blocks fails the test that caused it.
  page: async ({ page }, use, testInfo) => {
    const violations: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`));
    });
    page.on('console', (m) => {
      if (/CSP violation|Content[ -]Security[ -]Policy/i.test(m.text())) violations.push(m.text());
    });
    await use(page);
    expect(violations, `Content-Security-Policy violations in "${testInfo.title}"`).toEqual([]);
  },
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use) => use(readWorld()),
  call: async ({ world }, use) => use(apiCaller(world.baseURL)),
  tokenOf: async ({ world }, use) => use((role) => login(world.baseURL, world.users[role], role === 'admin' ? ADMIN_PASSWORD : PASSWORD)),
  committeePage: async ({ page, world }, use) => {
    await signedIn(page, world, 'committee');
    await use(page);
  },
  streetPage: async ({ page, world }, use) => {
    await signedIn(page, world, 'street');
    await use(page);
  },
  bureauPage: async ({ page, world }, use) => {
    await signedIn(page, world, 'bureau');
    await use(page);
  },
  adminPage: async ({ page, world }, use) => {
    await signedIn(page, world, 'admin');
    await use(page);
  },
  // eslint-disable-next-line no-empty-pattern
  snap: async ({}, use) => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    await use(async (page, name) => {
      await page.waitForLoadState('networkidle');
      await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
      await expectAccessible(page);
      await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
    });
  },
});

export { expect };
