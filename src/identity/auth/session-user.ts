import { Actor } from '../../event-store/event-store.port';
import { Role } from '../domain/roles';
import { ExistingUser } from '../domain/user.state';

/** The logged-in user of a request, as the server knows them now (not as the token claimed). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** The one unit of a `unit` or `verifier` user. */
  unitCode?: string;
}

export function sessionUserOf(user: ExistingUser): SessionUser {
  const { id, username, displayName, roles, unitCode } = user;
  return { id, username, displayName, roles: [...roles], ...(unitCode ? { unitCode } : {}) };
}

/** The event-store actor for events this user causes. */
export function actorOf(user: SessionUser): Actor {
  return { id: user.id, username: user.username, displayName: user.displayName };
}

export function hasAnyRole(user: SessionUser, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
