/** One sidebar list per role (easy to audit against the routes). */
import type { ReactNode } from 'react';
import { HomeOutlined, UserOutlined } from '@ant-design/icons';
import type { Role } from '../api/session';

export interface MenuEntry {
  readonly path: string;
  readonly label: string;
  readonly icon: ReactNode;
}

const me: MenuEntry = { path: '/me', label: '我的账户', icon: <UserOutlined /> };

export const MENUS: Readonly<Record<Role, readonly MenuEntry[]>> = {
  committee: [{ path: '/home', label: '首页', icon: <HomeOutlined /> }, me],
  street: [me],
  scrutineer: [me],
  bureau: [me],
  admin: [me],
};
