/** The router: login and password outside the frame, every declared route inside it behind the guard. */
import { createBrowserRouter, Navigate } from 'react-router';
import { Result } from 'antd';
import { LoginPage } from '../features/auth/login-page';
import { ChangePasswordPage } from '../features/auth/change-password-page';
import { AppLayout } from './layout';
import { Guard } from './guard';
import { appRoutes, HOME_OF } from './routes';
import { useSession } from '../api/use-session';
import { ROLES } from '../api/session';

function Home() {
  const session = useSession();
  return <Navigate to={session ? HOME_OF[session.role] : '/login'} replace />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <AppLayout />,
    children: [
      { path: '/', element: <Home /> },
      {
        path: '/password',
        element: (
          <Guard roles={ROLES}>
            <ChangePasswordPage />
          </Guard>
        ),
      },
      ...appRoutes.map((route) => ({ path: route.path, element: <Guard roles={route.roles}>{route.element}</Guard> })),
      { path: '*', element: <Result status="404" title="页面不存在" subTitle="请从左侧菜单选择要办理的事项。" /> },
    ],
  },
]);
