/**
 * The one guard: a screen is shown only to the roles its route declares. Not signed in → the login screen (coming
 * back afterwards); a password that must be changed → the change-password screen; another role → a refusal.
 */
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Result } from 'antd';
import type { Role } from '../api/session';
import { useSession } from '../api/use-session';

export function Guard({ roles, children }: { readonly roles: readonly Role[]; readonly children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (session.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  if (!roles.includes(session.role)) {
    return <Result status="403" title="无权访问" subTitle="当前账户的角色不能查看此页面。" />;
  }
  return <>{children}</>;
}
