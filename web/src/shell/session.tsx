import { useQueryClient } from '@tanstack/react-query';
import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { request, setUnauthorizedListener } from '../api/client';
import { loadSession, saveSession, Session, SessionUser } from '../api/session-store';

interface SessionContextValue {
  session: Session | undefined;
  user: SessionUser | undefined;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => void;
  hasRole: (...roles: string[]) => boolean;
}

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

/** Where each role's work is after login. */
export function landingPath(user: SessionUser): string {
  return user.roles.includes('unit') && !user.roles.some((r) => ['office', 'leader', 'auditor', 'verifier'].includes(r))
    ? '/report'
    : '/';
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(() => loadSession());
  const queryClient = useQueryClient();
  const logout = useCallback(() => {
    saveSession(undefined);
    setSession(undefined);
    queryClient.clear();
  }, [queryClient]);
  useEffect(() => setUnauthorizedListener(logout), [logout]);
  const login = useCallback(
    async (username: string, password: string) => {
      const { data } = await request<LoginAnswer>('/api/auth/login', { method: 'POST', body: { username, password } });
      const next: Session = {
        accessToken: data.accessToken,
        expiresAt: Date.now() + data.expiresIn * 1000,
        user: data.user,
      };
      saveSession(next);
      queryClient.clear();
      setSession(next);
      return data.user;
    },
    [queryClient],
  );
  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      user: session?.user,
      login,
      logout,
      hasRole: (...roles: string[]) => !!session && session.user.roles.some((r) => roles.includes(r)),
    }),
    [session, login, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}
