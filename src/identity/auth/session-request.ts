import { SessionUser } from './session-user';

const SESSION_USER = Symbol('sessionUser');

type WithSession = { [SESSION_USER]?: SessionUser };

/** Attaches the authenticated user to the request (done by the access guard only). */
export function attachSessionUser(request: object, user: SessionUser): void {
  (request as WithSession)[SESSION_USER] = user;
}

export function sessionUserOfRequest(request: object): SessionUser | undefined {
  return (request as WithSession)[SESSION_USER];
}
