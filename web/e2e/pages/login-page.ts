/** Page object of 登录. */
import type { Page } from '@playwright/test';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/login');
  }

  async signIn(username: string, password: string, { pressEnter = false } = {}): Promise<void> {
    await this.page.getByLabel('用户名').fill(username);
    await this.page.getByLabel('密码').fill(password);
    if (pressEnter) await this.page.getByLabel('密码').press('Enter');
    else await this.page.getByRole('button', { name: '登录' }).click();
  }
}
