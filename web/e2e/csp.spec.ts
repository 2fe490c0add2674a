/**
 * Issue 20: the service sends a Content-Security-Policy with every page. The front end still works under it (Ant
 * Design's run-time styles; street-bureau.spec shows a PDF preview in a frame of a blob: URL and the report's charts),
 * and so do the API documents at /docs (swagger-ui). The `page` fixture fails a test on any violation reported in the
 * console.
 */
import { expect, test } from './fixtures';

test('the front end works under its Content-Security-Policy: home and the voter list (Ant Design’s run-time styles)', async ({ committeePage: page }) => {
  const answer = await page.goto('/home');
  const policy = answer?.headers()['content-security-policy'] ?? '';
  expect(policy).toContain("script-src 'self'");
  expect(policy).not.toContain('unsafe-eval');
  await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();

  await page.goto('/voters');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The voter list (and, once a roster is imported, the roster table) are drawn with run-time styles.
  await expect(page.locator('.ant-table').first()).toBeVisible();
});

test('the API documents at /docs work under their Content-Security-Policy', async ({ page }) => {
  const answer = await page.goto('/docs');
  expect(answer?.headers()['content-security-policy'] ?? '').toContain("script-src 'self'");
  await expect(page.locator('.swagger-ui .info .title')).toContainText('社区两委换届选举管理系统 API');
  await expect(page.locator('.opblock').first()).toBeVisible();
  await page.locator('.opblock-summary').first().click();
  await expect(page.locator('.opblock-body').first()).toBeVisible();
});
