/** The signed-in session, kept in localStorage so it survives a reload (until the token expires). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  unitCode?: string | null;
}

export interface Session {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
}

const KEY = 'supervision.session';

export function loadSession(now = Date.now()): Session | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    const session = JSON.parse(raw) as Session;
    if (typeof session.accessToken !== 'string' || !(session.expiresAt > now)) return undefined;
    return session;
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session | undefined): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}
