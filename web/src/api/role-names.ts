/** Role names as users read them. */
import type { Role } from './session';

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  street: '街道换届选举工作领导小组',
  committee: '社区居民选举委员会',
  scrutineer: '监票人/计票人',
  bureau: '区民政局',
  reviewer: '资格联审部门',
};
