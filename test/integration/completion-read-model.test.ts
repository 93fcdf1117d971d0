import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { completionRows } from '../../src/completion/completion-rows';
import { CompletionReadModel } from '../../src/completion/read-model/completion.read-model';
import { targetsWithCompletion } from '../../src/completion/read-model/completion.projection';
import { poolOf } from '../../src/database/data-source';
import { deadlineStream } from '../../src/deadlines/deadline.decider';
import { NewEvent } from '../../src/event-store/event-store.port';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { rebuildProjection } from '../../src/projections/rebuild/projection-rebuild';
import { ProjectionRunner } from '../../src/projections/runner/projection-runner';
import { TargetDocument } from '../../src/targets/read-model/target-document';
import { districtYear, GeneratedStream } from '../bench/district-year';
import { openStoreOnTestDatabase, StoreOnTestDatabase, untilReadable } from '../support/event-store-adapters';
import { databaseKinds } from '../support/test-databases';

const PERIODS = [
  undefined,
  ...Array.from({ length: 12 }, (_, i) => `2021-${String(i + 1).padStart(2, '0')}`),
  '2022-01',
  '2020-12',
];
const UNIT_NAMES = new Map([
  ['u1', '一号单位'],
  ['u2', '二号单位'],
]);

function deadline(planCode: string, period: string): NewEvent {
  const id = randomUUID();
  return {
    id,
    type: 'ReportDeadlinePassed',
    schemaVersion: 1,
    data: { planCode, period, dueDate: `${period}-28` },
    metadata: {
      actor: { id: 'system', username: 'system', displayName: '系统' },
      commandId: id,
      correlationId: id,
      causationId: id,
      recordedAt: `${period}-28T16:00:00.000Z`,
    },
  };
}

/**
 * A district-year where targets stopped reporting at different months (every prefix of a decided
 * stream is a valid stream), so periods are reported, missing, overdue and not due.
 */
function* partialYear(planCode: string): Generator<GeneratedStream> {
  let n = 0;
  for (const stream of districtYear(planCode, 3, 5, 7)) {
    n++;
    yield stream.streamId.startsWith('target-')
      ? { ...stream, events: stream.events.slice(0, 1 + ((n * 5) % stream.events.length)) }
      : stream;
  }
}

describe.each(databaseKinds())('per-period completion read model on %s', (kind) => {
  let opened: StoreOnTestDatabase;
  let dataSource: DataSource;
  let store: PostgresEventStore;

  beforeEach(async () => {
    opened = await openStoreOnTestDatabase(kind, { pollIntervalMs: 50 });
    ({ dataSource, store } = opened);
  });

  afterEach(() => opened.close());

  /** Appends, then waits until the log shows it (a server's other transactions can hold newer events back for a moment). */
  const appendAll = async (streams: Iterable<GeneratedStream>) => {
    let last = -1n;
    for (const s of streams) last = (await store.append(s.streamId, s.events, 'any')).position;
    await untilReadable(store, last);
  };

  /** Every filter the completion route takes, answered by the read model and by the target documents (ties in target id order). */
  async function expectSameRows(readModel: CompletionReadModel, planCodes: string[]) {
    const docs: TargetDocument[] = (await dataSource.query('SELECT doc FROM rm_targets ORDER BY key')).map(
      (r: { doc: TargetDocument }) => r.doc,
    );
    let compared = 0;
    for (const planCode of [undefined, ...planCodes]) {
      const inPlan = docs.filter((d) => !planCode || d.indicator.planCode === planCode);
      for (const period of PERIODS) {
        for (const extra of [{}, { unitCode: 'u2' }, { indicatorCode: 'I3' }]) {
          const filter = { ...(period ? { period } : {}), ...extra };
          const expected = completionRows(inPlan, filter, UNIT_NAMES);
          expect(await readModel.rows({ ...filter, ...(planCode ? { planCode } : {}) }, UNIT_NAMES)).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    return compared;
  }

  it('answers every period and filter exactly as the rows computed from the target documents, rebuilt and live', async () => {
    await appendAll(partialYear('pa'));
    for (const period of ['2021-01', '2021-02', '2021-03', '2021-04'])
      await untilReadable(store, (await store.append(deadlineStream('pa'), [deadline('pa', period)], 'any')).position);
    const pool = poolOf(dataSource);
    await rebuildProjection(targetsWithCompletion, pool, store);
    const readModel = new CompletionReadModel(dataSource);
    const compared = await expectSameRows(readModel, ['pa']);
    expect(compared).toBeGreaterThan(500);
    const statuses = new Set(
      (await readModel.rows({ planCode: 'pa', period: '2021-04' }, UNIT_NAMES)).map((r) => r.status),
    );
    expect([...statuses]).toEqual(expect.arrayContaining(['overdue', 'green']));

    // Live: the follower folds what comes next (a second plan, more deadlines, a withdrawal); a rebuild swaps the rows' table in again.
    const runners = [new ProjectionRunner(targetsWithCompletion, pool, store)];
    await Promise.all(runners.map((r) => r.start()));
    try {
      await appendAll(partialYear('pb'));
      for (const period of ['2021-05', '2021-06'])
        await store.append(deadlineStream('pa'), [deadline('pa', period)], 'any');
      await store.append(deadlineStream('pb'), [deadline('pb', '2021-02')], 'any');
      const [withdrawn] = (await dataSource.query(
        "SELECT key FROM rm_targets WHERE plan_code = 'pb' ORDER BY key LIMIT 1",
      )) as Array<{ key: string }>;
      const { position } = await store.append(
        `target-${withdrawn.key}`,
        [
          {
            ...deadline('pb', '2021-03'),
            type: 'TargetWithdrawn',
            data: { reason: '撤销', document: '测试〔2021〕1号' },
          },
        ],
        'any',
      );
      for (const r of runners) expect(await r.waitFor(position, 60_000)).toBe(true);
      await expectSameRows(readModel, ['pa', 'pb']);
      expect((await readModel.rows({ planCode: 'pb' }, UNIT_NAMES)).some((r) => r.targetId === withdrawn.key)).toBe(
        false,
      );
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    await rebuildProjection(targetsWithCompletion, pool, store);
    await expectSameRows(readModel, ['pa', 'pb']);
    const indexes: Array<{ indexname: string }> = await dataSource.query(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'rm_completion_periods' ORDER BY 1",
    );
    expect(indexes.map((i) => i.indexname)).toEqual([
      'rm_completion_periods_pkey',
      'rm_completion_periods_plan_code_period',
    ]);
  });
});
