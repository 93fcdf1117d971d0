import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from '../domain/roles';

export const ROLES_KEY = 'identity:roles';

/**
 * Only users holding at least one of these roles may call the route (403 otherwise). On a class it
 * applies to every route; a method's own @Roles replaces the class's. Routes without @Roles are
 * open to any logged-in user; @Public() routes to anyone.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: '未登录 / Not logged in' }),
    ApiForbiddenResponse({ description: `需要角色 / Requires a role of: ${roles.join(', ')}` }),
  );
