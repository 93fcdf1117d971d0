import { deciderSpec } from '../../shared/event-sourcing/decider-spec';
import { UserCommand } from './user.commands';
import { decide, evolve, foldUser, initialState } from './user.decider';
import { UserCreated, UserEvent } from './user.events';

const AT = '2021-03-10T08:00:00.000Z';
const OFFICE_ID = 'office-1';
const USER_ID = 'user-1';

const created = (overrides: Partial<UserCreated['data']> = {}): UserCreated => ({
  type: 'UserCreated',
  data: {
    userId: USER_ID,
    username: 'zhang.san',
    displayName: '张三',
    roles: ['unit'],
    unitCode: 'JX-01',
    ...overrides,
  },
});

/** given events, when a command, then these events (or this refusal). */
const spec = deciderSpec({ decide, evolve, initialState });
const given = (...events: UserEvent[]) => spec(events);

const meta = { actorId: OFFICE_ID, at: AT };
const create = (data: Partial<UserCreated['data']> = {}): UserCommand => ({
  type: 'CreateUser',
  data: created(data).data,
  ...meta,
});

describe('user decider', () => {
  describe('CreateUser', () => {
    it('creates a user with canonical, deduplicated roles', () => {
      given()
        .when(create({ roles: ['verifier', 'unit', 'unit'] }))
        .then([created({ roles: ['unit', 'verifier'] })]);
    });

    it('creates an office user without a unit and trims the display name', () => {
      given()
        .when(create({ roles: ['office'], unitCode: null, displayName: '  督查室管理员 ' }))
        .then([created({ roles: ['office'], unitCode: null, displayName: '督查室管理员' })]);
    });

    it('refuses a user that already exists', () => {
      given(created()).when(create()).thenRefuses('conflict', 'user-already-exists');
    });

    it('refuses no roles or an unknown role', () => {
      given()
        .when(create({ roles: [] }))
        .thenRefuses('validation', 'invalid-user');
      given()
        .when(create({ roles: ['root' as never] }))
        .thenRefuses('validation', 'invalid-user');
    });

    it('refuses a unit or verifier role without a unitCode', () => {
      const error = given()
        .when(create({ roles: ['verifier'], unitCode: null }))
        .thenRefuses('validation', 'invalid-user');
      expect(error.errors.map((e) => e.field)).toEqual(['unitCode']);
    });

    it('refuses a unitCode for roles that belong to no unit', () => {
      given()
        .when(create({ roles: ['leader'], unitCode: 'JX-01' }))
        .thenRefuses('validation', 'invalid-user');
    });

    it('refuses a malformed username and an empty display name, naming both fields', () => {
      const error = given()
        .when(create({ username: 'a b', displayName: ' ' }))
        .thenRefuses('validation', 'invalid-user');
      expect(error.errors.map((e) => e.field)).toEqual(['username', 'displayName']);
    });
  });

  describe('ChangeUserRoles', () => {
    const change = (
      roles: UserCreated['data']['roles'],
      unitCode: string | null,
      actorId = OFFICE_ID,
    ): UserCommand => ({
      type: 'ChangeUserRoles',
      data: { userId: USER_ID, roles, unitCode },
      actorId,
      at: AT,
    });

    it('records the new roles with the previous ones', () => {
      given(created())
        .when(change(['leader', 'auditor'], null))
        .then([
          {
            type: 'UserRolesChanged',
            data: {
              userId: USER_ID,
              roles: ['leader', 'auditor'],
              unitCode: null,
              previousRoles: ['unit'],
              previousUnitCode: 'JX-01',
            },
          },
        ]);
    });

    it('moves a reporter to another unit', () => {
      given(created())
        .when(change(['unit'], 'JX-02'))
        .then([
          {
            type: 'UserRolesChanged',
            data: {
              userId: USER_ID,
              roles: ['unit'],
              unitCode: 'JX-02',
              previousRoles: ['unit'],
              previousUnitCode: 'JX-01',
            },
          },
        ]);
    });

    it('produces nothing when roles and unit are unchanged', () => {
      given(created())
        .when(change(['unit', 'unit'], 'JX-01'))
        .then([]);
    });

    it('refuses an unknown user', () => {
      given()
        .when(change(['leader'], null))
        .thenRefuses('not_found', 'user-not-found');
    });

    it('refuses invalid roles', () => {
      given(created())
        .when(change(['unit'], null))
        .thenRefuses('validation', 'invalid-user');
    });

    it('refuses an office user removing their own office role', () => {
      given(created({ roles: ['office'], unitCode: null }))
        .when(change(['leader'], null, USER_ID))
        .thenRefuses('forbidden', 'cannot-remove-own-office-role');
    });

    it('lets an office user add roles to themselves', () => {
      given(created({ roles: ['office'], unitCode: null }))
        .when(change(['office', 'auditor'], null, USER_ID))
        .then([
          {
            type: 'UserRolesChanged',
            data: {
              userId: USER_ID,
              roles: ['office', 'auditor'],
              unitCode: null,
              previousRoles: ['office'],
              previousUnitCode: null,
            },
          },
        ]);
    });
  });

  describe('DisableUser', () => {
    const disable = (actorId = OFFICE_ID): UserCommand => ({
      type: 'DisableUser',
      data: { userId: USER_ID },
      actorId,
      at: AT,
    });

    it('disables an active user', () => {
      given(created())
        .when(disable())
        .then([{ type: 'UserDisabled', data: { userId: USER_ID } }]);
    });

    it('produces nothing for a user already disabled', () => {
      given(created(), { type: 'UserDisabled', data: { userId: USER_ID } })
        .when(disable())
        .then([]);
    });

    it('refuses an unknown user', () => {
      given().when(disable()).thenRefuses('not_found', 'user-not-found');
    });

    it('refuses disabling oneself', () => {
      given(created()).when(disable(USER_ID)).thenRefuses('forbidden', 'cannot-disable-self');
    });
  });

  describe('EnableUser', () => {
    const enable: UserCommand = { type: 'EnableUser', data: { userId: USER_ID }, ...meta };

    it('enables a disabled user', () => {
      given(created(), { type: 'UserDisabled', data: { userId: USER_ID } })
        .when(enable)
        .then([{ type: 'UserEnabled', data: { userId: USER_ID } }]);
    });

    it('produces nothing for an active user', () => {
      given(created()).when(enable).then([]);
    });

    it('refuses an unknown user', () => {
      given().when(enable).thenRefuses('not_found', 'user-not-found');
    });
  });

  describe('ResetUserPassword', () => {
    const reset = (actorId = OFFICE_ID): UserCommand => ({
      type: 'ResetUserPassword',
      data: { userId: USER_ID },
      actorId,
      at: AT,
    });

    it('records a reset by an administrator, with its time and no secret', () => {
      given(created())
        .when(reset())
        .then([{ type: 'UserPasswordReset', data: { userId: USER_ID, at: AT, by: 'administrator' } }]);
    });

    it('records a change by the user themselves', () => {
      given(created())
        .when(reset(USER_ID))
        .then([{ type: 'UserPasswordReset', data: { userId: USER_ID, at: AT, by: 'self' } }]);
    });

    it('refuses an unknown user', () => {
      given().when(reset()).thenRefuses('not_found', 'user-not-found');
    });
  });

  describe('evolve', () => {
    it('folds a user through every event', () => {
      const state = foldUser([
        created(),
        {
          type: 'UserRolesChanged',
          data: {
            userId: USER_ID,
            roles: ['verifier'],
            unitCode: 'TJJ',
            previousRoles: ['unit'],
            previousUnitCode: 'JX-01',
          },
        },
        { type: 'UserDisabled', data: { userId: USER_ID } },
        { type: 'UserEnabled', data: { userId: USER_ID } },
        { type: 'UserPasswordReset', data: { userId: USER_ID, at: AT, by: 'self' } },
      ]);
      expect(state).toEqual({
        exists: true,
        id: USER_ID,
        username: 'zhang.san',
        displayName: '张三',
        roles: ['verifier'],
        unitCode: 'TJJ',
        disabled: false,
        passwordResetAt: AT,
      });
    });
  });
});
