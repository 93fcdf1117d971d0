import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentWorkspace } from '../../projections/runner/document-workspace';
import { UserEvent } from '../domain/user.events';
import { UserDocument, usersProjection } from './users.projection';

const actor = { id: 'office-1', username: 'admin', displayName: '管理员' };
let position = 100n;

function recorded(event: UserEvent, revision: bigint, recordedAt = '2021-03-10T08:00:00.000Z'): RecordedEvent {
  return {
    ...event,
    id: `e-${position}`,
    schemaVersion: 1,
    streamId: `user-${event.data.userId}`,
    revision,
    position: ++position,
    metadata: { actor, commandId: 'c', correlationId: 'c', causationId: 'c', recordedAt },
  };
}

const created: UserEvent = {
  type: 'UserCreated',
  data: { userId: 'u1', username: 'zhang.san', displayName: '张三', roles: ['unit'], unitCode: 'JX-01' },
};

async function project(events: RecordedEvent[]): Promise<DocumentWorkspace<UserDocument>> {
  const workspace = new DocumentWorkspace(usersProjection);
  await workspace.apply(events);
  return workspace;
}

describe('users projection', () => {
  it('creates a document with the indexed columns', async () => {
    const doc = (await project([recorded(created, 0n)])).get('u1')!;
    expect(doc).toMatchObject({
      id: 'u1',
      username: 'zhang.san',
      roles: ['unit'],
      unitCode: 'JX-01',
      disabled: false,
      revision: '0',
    });
    const columns = usersProjection.table.columns;
    expect([columns.username.value(doc), columns.unit_code.value(doc), columns.disabled.value(doc)]).toEqual([
      'zhang.san',
      'JX-01',
      false,
    ]);
  });

  it('follows role changes, disabling, enabling and password resets', async () => {
    const workspace = await project([
      recorded(created, 0n),
      recorded(
        {
          type: 'UserRolesChanged',
          data: { userId: 'u1', roles: ['leader'], unitCode: null, previousRoles: ['unit'], previousUnitCode: 'JX-01' },
        },
        1n,
      ),
      recorded({ type: 'UserDisabled', data: { userId: 'u1' } }, 2n),
    ]);
    expect(workspace.get('u1')).toMatchObject({ roles: ['leader'], unitCode: null, disabled: true, revision: '2' });
    await workspace.apply([
      recorded({ type: 'UserEnabled', data: { userId: 'u1' } }, 3n),
      recorded(
        { type: 'UserPasswordReset', data: { userId: 'u1', at: '2021-04-01T00:00:00.000Z', by: 'self' } },
        4n,
        '2021-04-01T00:00:00.000Z',
      ),
    ]);
    expect(workspace.get('u1')).toMatchObject({
      disabled: false,
      revision: '4',
      updatedAt: '2021-04-01T00:00:00.000Z',
    });
  });

  it('ignores other capabilities\u2019 events', () => {
    expect(usersProjection.select({ ...recorded(created, 0n), type: 'TargetAssigned' })).toBeUndefined();
  });
});
