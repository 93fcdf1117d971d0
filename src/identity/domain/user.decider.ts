import { Decider, assertNever } from '../../shared/event-sourcing/decider';
import { DomainError, FieldError } from '../../shared/problems/domain-error';
import { ROLES, Role, canonicalRoles, isRole, needsUnit, sameRoles } from './roles';
import { ChangeUserRoles, CreateUser, UserCommand } from './user.commands';
import { UserEvent } from './user.events';
import { ExistingUser, UserState, evolve, initialState } from './user.state';
import { isValidUsername } from './username';

export { evolve, foldUser, initialState } from './user.state';

/**
 * Pure: the events a command produces from the user's current state, or a refusal (DomainError).
 * Repeating a command whose effect already holds (disable a disabled user) produces no events.
 */
export function decide(command: UserCommand, state: UserState): UserEvent[] {
  switch (command.type) {
    case 'CreateUser':
      return create(command, state);
    case 'ChangeUserRoles':
      return changeRoles(command, existing(state));
    case 'DisableUser': {
      const user = existing(state);
      if (command.actorId === user.id) {
        throw new DomainError(
          'forbidden',
          'cannot-disable-self',
          '不能停用自己的账户 / You cannot disable your own account',
        );
      }
      return user.disabled ? [] : [{ type: 'UserDisabled', data: { userId: user.id } }];
    }
    case 'EnableUser': {
      const user = existing(state);
      return user.disabled ? [{ type: 'UserEnabled', data: { userId: user.id } }] : [];
    }
    case 'ResetUserPassword': {
      const user = existing(state);
      const by = command.actorId === user.id ? 'self' : 'administrator';
      return [{ type: 'UserPasswordReset', data: { userId: user.id, at: command.at, by } }];
    }
    default:
      return assertNever(command);
  }
}

/** The user decider, for the shared command executor. */
export const userDecider: Decider<UserCommand, UserEvent, UserState> = { initialState, decide, evolve };

function create(command: CreateUser, state: UserState): UserEvent[] {
  if (state.exists) {
    throw new DomainError('conflict', 'user-already-exists', '该用户已存在 / This user already exists');
  }
  const { userId, username, displayName, roles, unitCode } = command.data;
  const errors = [
    ...(isValidUsername(username)
      ? []
      : [
          field(
            'username',
            '用户名须为 3–64 个字母、数字或 . _ - @ / Username must be 3–64 letters, digits or . _ - @',
          ),
        ]),
    ...(displayName.trim() ? [] : [field('displayName', '显示名称不能为空 / Display name must not be empty')]),
    ...roleErrors(roles, unitCode),
  ];
  if (errors.length) throw refusal(errors);
  const data = { userId, username, displayName: displayName.trim(), roles: canonicalRoles(roles), unitCode };
  return [{ type: 'UserCreated', data }];
}

function changeRoles(command: ChangeUserRoles, user: ExistingUser): UserEvent[] {
  const { roles, unitCode } = command.data;
  const errors = roleErrors(roles, unitCode);
  if (errors.length) throw refusal(errors);
  if (command.actorId === user.id && user.roles.includes('office') && !roles.includes('office')) {
    throw new DomainError(
      'forbidden',
      'cannot-remove-own-office-role',
      '不能取消自己的督查室角色 / You cannot remove your own office role',
    );
  }
  if (sameRoles(roles, user.roles) && unitCode === user.unitCode) return [];
  const data = {
    userId: user.id,
    roles: canonicalRoles(roles),
    unitCode,
    previousRoles: user.roles,
    previousUnitCode: user.unitCode,
  };
  return [{ type: 'UserRolesChanged', data }];
}

/** A user holds at least one role; `unit` and `verifier` need the unit, and only they may name one. */
function roleErrors(roles: readonly Role[], unitCode: string | null): FieldError[] {
  if (roles.length === 0 || !roles.every(isRole)) {
    return [field('roles', `至少一个角色，取值 ${ROLES.join('、')} / At least one role of ${ROLES.join(', ')}`)];
  }
  if (needsUnit(roles) && !unitCode) {
    return [field('unitCode', '填报员和认定单位角色须指定所属单位 / The unit and verifier roles need a unitCode')];
  }
  if (!needsUnit(roles) && unitCode) {
    return [field('unitCode', '只有填报员和认定单位角色属于单位 / Only the unit and verifier roles belong to a unit')];
  }
  return [];
}

function existing(state: UserState): ExistingUser {
  if (!state.exists) throw new DomainError('not_found', 'user-not-found', '用户不存在 / User not found');
  return state;
}

const field = (name: string, message: string): FieldError => ({ field: name, message });

const refusal = (errors: FieldError[]) =>
  new DomainError('validation', 'invalid-user', errors.map((e) => e.message).join('; '), errors);
