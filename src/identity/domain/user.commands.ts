import { Role } from './roles';

/**
 * What may be asked of a user. `actorId` and `at` come in with the command (the session user and
 * the injected clock), never from inside the decider.
 */
interface CommandMeta {
  actorId: string;
  at: string;
}

export type CreateUser = {
  type: 'CreateUser';
  data: { userId: string; username: string; displayName: string; roles: Role[]; unitCode: string | null };
} & CommandMeta;

export type ChangeUserRoles = {
  type: 'ChangeUserRoles';
  data: { userId: string; roles: Role[]; unitCode: string | null };
} & CommandMeta;

export type DisableUser = { type: 'DisableUser'; data: { userId: string } } & CommandMeta;

export type EnableUser = { type: 'EnableUser'; data: { userId: string } } & CommandMeta;

/** The new hash is stored by the application; the decider only records that it changed. */
export type ResetUserPassword = { type: 'ResetUserPassword'; data: { userId: string } } & CommandMeta;

export type UserCommand = CreateUser | ChangeUserRoles | DisableUser | EnableUser | ResetUserPassword;
