import { loadConfig } from '../../src/config/load-config';
import { Infrastructure, openInfrastructure } from '../../src/database/infrastructure';
import { SYSTEM_ACTOR } from '../../src/shared/event-sourcing/command-context';
import { demoLoadPending, markDemoLoadFinished, markDemoLoadStarted } from '../../src/seeding/demo/demo-load-marker';
import { databaseKinds } from '../support/test-databases';
import { openTestAppDatabase, TestAppDatabase } from '../support/test-app';

/**
 * Whether a boot in demo mode loads the demo: on an empty database; again after a load that was started and
 * never finished (the server killed meanwhile); never on a database whose demo finished or that holds other data.
 */
describe.each(databaseKinds())('the first boot’s demo load marker (%s)', (kind) => {
  let database: TestAppDatabase;
  let infrastructure: Infrastructure;

  beforeAll(async () => {
    database = await openTestAppDatabase(kind);
    const config = Object.assign(loadConfig({ NODE_ENV: 'test' }), database.settings, { migrateOnBoot: true });
    infrastructure = await openInfrastructure(config);
  });
  afterAll(async () => {
    await infrastructure?.close();
    await database?.drop();
  });

  const append = (id: string) =>
    infrastructure.eventStore.append(
      `marker-test-${id}`,
      [
        {
          id,
          type: 'MarkerTested',
          data: {},
          schemaVersion: 1,
          metadata: {
            actor: SYSTEM_ACTOR,
            commandId: id,
            correlationId: id,
            causationId: id,
            recordedAt: '2021-01-20T01:00:00.000Z',
          },
        },
      ],
      'no_stream',
    );

  it('is pending on an empty database, while a started load is unfinished, and no longer once it finished', async () => {
    expect(await demoLoadPending(infrastructure)).toBe(true);
    await markDemoLoadStarted(infrastructure.dataSource, '2021-09');
    await append('7b0c1f3e-0d4a-4e7e-9a55-1c2b3d4e5f60'); // part of the demo written, then the server killed
    expect(await demoLoadPending(infrastructure)).toBe(true);
    await markDemoLoadFinished(infrastructure.dataSource);
    expect(await demoLoadPending(infrastructure)).toBe(false);
    // A later load (another DEMO_UNTIL_MONTH by hand) that is interrupted is pending again.
    await markDemoLoadStarted(infrastructure.dataSource, '2021-10');
    expect(await demoLoadPending(infrastructure)).toBe(true);
    await markDemoLoadFinished(infrastructure.dataSource);
  });

  it('is not pending on a database with events and no demo load recorded (data of its own, or a demo loaded by hand)', async () => {
    await infrastructure.dataSource.query(`DELETE FROM demo_load`);
    await append('2c4e6a8b-1d3f-4a5b-8c7d-9e0f1a2b3c4d');
    expect(await demoLoadPending(infrastructure)).toBe(false);
  });
});
