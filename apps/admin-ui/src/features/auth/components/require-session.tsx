import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { session } from '../../../api/session';

/** Pages behind the login: without a token the visitor goes to the login page, and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  if (session.token()) return <>{children}</>;
  const next = location.pathname + location.search;
  return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
}
