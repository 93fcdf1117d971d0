import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import { sessionUserOfRequest } from './session-request';
import { SessionUser } from './session-user';

/**
 * The logged-in user of the request (`@CurrentUser() user: SessionUser`). Fails on a @Public() route,
 * where there is none.
 */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): SessionUser => {
  const user = sessionUserOfRequest(context.switchToHttp().getRequest<object>());
  if (!user) throw new Error('@CurrentUser() used on a route without a session (a @Public() route?)');
  return user;
});
