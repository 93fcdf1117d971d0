/** What other capabilities use from identity. */
export { IdentityModule } from './identity.module';
export { UsersService } from './application/users.service';
export type { NewUser } from './application/user-commands.service';
export { SYSTEM_ACTOR } from '../shared/event-sourcing/command-context';
export { Roles } from './auth/roles.decorator';
export { CurrentUser } from './auth/current-user.decorator';
export { actorOf, hasAnyRole } from './auth/session-user';
export type { SessionUser } from './auth/session-user';
export { assertUnitScope, isInUnitScope } from './auth/unit-scope';
export { ROLES } from './domain/roles';
export type { Role } from './domain/roles';
export { userStream } from './domain/user-stream';
export { usersProjection } from './read-model/users.projection';
