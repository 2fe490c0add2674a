import { LoginPage } from './pages/login-page';
import { expect, test } from './fixtures';
import { PASSWORD } from './world';

test('登录: a wrong password is refused in Chinese; Enter signs in and lands on the committee home', async ({ page, world, snap }) => {
  const login = new LoginPage(page);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: '社区两委换届选举管理系统' })).toBeVisible();
  await snap(page, '00-login');

  await login.signIn(world.users.committee, 'wrong-password');
  await expect(page.getByRole('alert')).toContainText('用户名或密码错误');

  await login.signIn(world.users.committee, PASSWORD, { pressEnter: true });
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole('heading', { level: 1, name: '首页' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(world.communityName);
});

test('我的账户 shows who and where I am; a reload of a client route keeps the screen', async ({ committeePage: page, world, snap }) => {
  await page.goto('/me');
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(world.users.committee);
  await expect(page.getByRole('main')).toContainText('社区居民选举委员会');
  await expect(page.getByRole('main')).toContainText(world.communityName);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '我的账户' })).toBeVisible();
  await snap(page, '01-me');
});

test('a screen of another role is refused, not shown', async ({ streetPage: page }) => {
  await page.goto('/home');
  await expect(page.getByText('无权访问')).toBeVisible();
});
