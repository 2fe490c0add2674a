/** One sidebar list per role (easy to audit against the routes). */
import type { ReactNode } from 'react';
import { AuditOutlined, SwapOutlined, BarChartOutlined, SafetyCertificateOutlined, CalculatorOutlined, CheckSquareOutlined, FileDoneOutlined, FlagOutlined, FileTextOutlined, HomeOutlined, IdcardOutlined, PrinterOutlined, ProfileOutlined, ScheduleOutlined, TableOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import type { Role } from '../api/session';

export interface MenuEntry {
  readonly path: string;
  readonly label: string;
  readonly icon: ReactNode;
}

const me: MenuEntry = { path: '/me', label: '我的账户', icon: <UserOutlined /> };

export const MENUS: Readonly<Record<Role, readonly MenuEntry[]>> = {
  committee: [
    { path: '/home', label: '首页', icon: <HomeOutlined /> },
    { path: '/voters', label: '选民登记', icon: <IdcardOutlined /> },
    { path: '/representatives', label: '居民代表', icon: <TeamOutlined /> },
    { path: '/party-members', label: '党员', icon: <FlagOutlined /> },
    { path: '/candidates', label: '候选人', icon: <FileTextOutlined /> },
    { path: '/vetting', label: '资格联审', icon: <SafetyCertificateOutlined /> },
    { path: '/meetings', label: '选举会议', icon: <ScheduleOutlined /> },
    { path: '/papers', label: '文书打印', icon: <PrinterOutlined /> },
    { path: '/checks', label: '合规检查', icon: <AuditOutlined /> },
    { path: '/my-filing', label: '备案情况', icon: <FileDoneOutlined /> },
    { path: '/after-round', label: '罢免与补选', icon: <SwapOutlined /> },
    me,
  ],
  street: [{ path: '/rounds', label: '换届轮次', icon: <ProfileOutlined /> }, { path: '/filings', label: '备案情况', icon: <FileDoneOutlined /> }, me],
  scrutineer: [
    { path: '/tally', label: '计票单录入', icon: <CalculatorOutlined /> },
    { path: '/tally-resolve', label: '总监票人处理', icon: <CheckSquareOutlined /> },
    me,
  ],
  bureau: [
    { path: '/filings', label: '备案审核', icon: <FileDoneOutlined /> },
    { path: '/district-summary', label: '全区汇总', icon: <TableOutlined /> },
    { path: '/district-statistics', label: '情况统计表', icon: <BarChartOutlined /> },
    { path: '/audit', label: '操作日志', icon: <AuditOutlined /> },
    me,
  ],
  reviewer: [{ path: '/review', label: '资格审查', icon: <SafetyCertificateOutlined /> }, me],
  admin: [{ path: '/audit', label: '操作日志', icon: <AuditOutlined /> }, me],
};
