import { Role } from './roles';

/**
 * What happened to a user. Never a password nor its hash: the hash lives in `user_credentials`.
 * The acting user, time and reason travel in the event metadata.
 */
export type UserCreated = {
  type: 'UserCreated';
  data: { userId: string; username: string; displayName: string; roles: Role[]; unitCode: string | null };
};

export type UserRolesChanged = {
  type: 'UserRolesChanged';
  data: {
    userId: string;
    roles: Role[];
    unitCode: string | null;
    previousRoles: Role[];
    previousUnitCode: string | null;
  };
};

export type UserDisabled = { type: 'UserDisabled'; data: { userId: string } };

export type UserEnabled = { type: 'UserEnabled'; data: { userId: string } };

/** The password was set anew; sessions issued before `at` stop working. */
export type UserPasswordReset = {
  type: 'UserPasswordReset';
  data: { userId: string; at: string; by: 'administrator' | 'self' };
};

export type UserEvent = UserCreated | UserRolesChanged | UserDisabled | UserEnabled | UserPasswordReset;

export type UserEventType = UserEvent['type'];

export const USER_EVENT_TYPES: readonly UserEventType[] = [
  'UserCreated',
  'UserRolesChanged',
  'UserDisabled',
  'UserEnabled',
  'UserPasswordReset',
];

export function isUserEventType(type: string): type is UserEventType {
  return (USER_EVENT_TYPES as readonly string[]).includes(type);
}
