/** The frame of every signed-in screen: the role's sidebar, who and where I am, sign out. */
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Flex, Layout, Menu, Spin, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { setToken } from '../api/session';
import { meQuery } from '../api/queries';
import { MENUS } from './menus';
import { ROLE_NAMES } from '../api/role-names';
import { useSession } from '../api/use-session';

export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery({ ...meQuery(), enabled: Boolean(session) });
  if (!session) return <Outlet />;
  const entries = MENUS[session.role];
  const selected = entries
    .map((entry) => entry.path)
    .filter((path) => location.pathname === path || location.pathname.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const where = me.data?.scope.map((s) => s.name).join(' / ');

  function signOut() {
    setToken(null);
    queryClient.clear();
    void navigate('/login', { replace: true });
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} breakpoint="lg" collapsedWidth={64} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 12px', fontWeight: 600, fontSize: 15, lineHeight: 1.4 }}>换届选举系统</div>
        <nav aria-label="主菜单">
          <Menu
            mode="inline"
            selectedKeys={selected}
            items={entries.map((entry) => ({ key: entry.path, icon: entry.icon, label: <Link to={entry.path}>{entry.label}</Link> }))}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}>
          <Flex justify="space-between" align="center" style={{ height: '100%' }}>
            <Typography.Text ellipsis style={{ maxWidth: '70%' }}>
              {where ? `${where} · ` : ''}
              {ROLE_NAMES[session.role]}
            </Typography.Text>
            <Flex gap={8} align="center">
              <Link to="/me">{session.username}</Link>
              <Button icon={<LogoutOutlined />} onClick={signOut}>
                退出登录
              </Button>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content style={{ padding: 16 }}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
