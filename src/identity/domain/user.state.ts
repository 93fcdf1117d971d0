import { assertNever } from '../../shared/event-sourcing/decider';
import { Role } from './roles';
import { UserEvent } from './user.events';

export type ExistingUser = {
  exists: true;
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitCode: string | null;
  disabled: boolean;
  /** When the password was last reset (ISO); sessions issued before it are void. */
  passwordResetAt: string | null;
};

export type UserState = { exists: false } | ExistingUser;

export const initialState: UserState = { exists: false };

/** Pure: the user after one event. */
export function evolve(state: UserState, event: UserEvent): UserState {
  switch (event.type) {
    case 'UserCreated': {
      const { userId, username, displayName, roles, unitCode } = event.data;
      return {
        exists: true,
        id: userId,
        username,
        displayName,
        roles,
        unitCode,
        disabled: false,
        passwordResetAt: null,
      };
    }
    case 'UserRolesChanged':
      return state.exists ? { ...state, roles: event.data.roles, unitCode: event.data.unitCode } : state;
    case 'UserDisabled':
      return state.exists ? { ...state, disabled: true } : state;
    case 'UserEnabled':
      return state.exists ? { ...state, disabled: false } : state;
    case 'UserPasswordReset':
      return state.exists ? { ...state, passwordResetAt: event.data.at } : state;
    default:
      return assertNever(event);
  }
}

export function foldUser(events: readonly UserEvent[]): UserState {
  return events.reduce(evolve, initialState);
}
