import { CommandOutcome } from '../application/user-commands.service';
import { SessionUser } from '../auth/session-user';
import { UserDocument } from '../read-model/users.projection';
import { SessionUserResponse } from './dto/login.dto';
import { UserResponse } from './dto/user.dto';

export function userFromOutcome({ user, revision }: CommandOutcome): UserResponse {
  const { id, username, displayName, roles, unitCode, disabled } = user;
  return { id, username, displayName, roles, unitCode, disabled, revision: revision.toString() };
}

export function userFromDocument(doc: UserDocument): UserResponse {
  const { id, username, displayName, roles, unitCode, disabled, revision } = doc;
  return { id, username, displayName, roles, unitCode, disabled, revision };
}

export function sessionUserResponse(user: SessionUser): SessionUserResponse {
  const { id, username, displayName, roles, unitCode } = user;
  return { id, username, displayName, roles, unitCode: unitCode ?? null };
}
