import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection, ProjectedDocument } from '../../projections/runner/document-projection';
import { assertNever } from '../../shared/event-sourcing/decider';
import { Role } from '../domain/roles';
import { UserEvent, isUserEventType } from '../domain/user.events';

/** One row of the `users` read model (no secrets: the hash is never in an event). */
export interface UserDocument extends ProjectedDocument {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitCode: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
  /** Stream revision the document reflects. */
  revision: string;
}

export const USERS_TABLE = 'users';

/** The `users` read model: one document per user, queryable by username, unit and disabled. */
export const usersProjection: DocumentProjection<UserDocument> = {
  name: 'users',
  version: 1,
  table: {
    name: USERS_TABLE,
    columns: {
      username: { sqlType: 'text', indexed: true, value: (doc) => doc.username },
      unit_code: { sqlType: 'text', indexed: true, value: (doc) => doc.unitCode },
      disabled: { sqlType: 'boolean', value: (doc) => doc.disabled },
    },
  },
  select(event) {
    if (!isUserEventType(event.type)) return undefined;
    return { key: (event.data as { userId: string }).userId };
  },
  evolve(doc, event) {
    return evolveUserDocument(doc, event as RecordedEvent & UserEvent);
  },
};

function evolveUserDocument(doc: UserDocument | undefined, event: RecordedEvent & UserEvent): UserDocument | undefined {
  const stamp = {
    updatedAt: event.metadata.recordedAt,
    revision: event.revision.toString(),
    position: event.position.toString(),
  };
  if (event.type === 'UserCreated') {
    const { userId, username, displayName, roles, unitCode } = event.data;
    return {
      id: userId,
      username,
      displayName,
      roles,
      unitCode,
      disabled: false,
      createdAt: event.metadata.recordedAt,
      ...stamp,
    };
  }
  if (!doc) return undefined;
  switch (event.type) {
    case 'UserRolesChanged':
      return { ...doc, roles: event.data.roles, unitCode: event.data.unitCode, ...stamp };
    case 'UserDisabled':
      return { ...doc, disabled: true, ...stamp };
    case 'UserEnabled':
      return { ...doc, disabled: false, ...stamp };
    case 'UserPasswordReset':
      return { ...doc, ...stamp };
    default:
      return assertNever(event);
  }
}
