import { CommandBus } from '@nestjs/cqrs';
import { v4 as uuidv4 } from 'uuid';
import {
  CatalogBatchItem,
  CatalogBatchResult,
  RecordCatalogBatchCommand,
} from '../../src/catalog/application/catalog-batch';
import {
  CreatePlanCommand,
  DefineIndicatorCommand,
  RegisterUnitCommand,
} from '../../src/catalog/application/catalog.commands';
import { indicatorStream } from '../../src/catalog/domain/catalog-codes';
import { IndicatorDefinition } from '../../src/catalog/domain/indicator.decider';
import { CommandContext } from '../../src/shared/event-sourcing/command-context';
import { startTestApp, TestApp } from '../support/test-app';

const PLAN = 'batch-2021';
const ACTOR = { id: 'import', username: 'system:import', displayName: 'Import' };

/** RecordCatalogBatch decides each unit, plan and indicator as its single command would, in order. */
describe('RecordCatalogBatch (embedded)', () => {
  let t: TestApp;
  let bus: CommandBus;
  const context = (commandId = uuidv4()): CommandContext => ({
    commandId,
    actor: ACTOR,
    now: new Date(),
    idempotent: true,
  });
  const indicator = (code: string, extra: Partial<IndicatorDefinition> = {}): IndicatorDefinition => ({
    planCode: PLAN,
    code,
    category: '经济发展',
    name: `指标 ${code}`,
    unitOfMeasure: '亿元',
    kind: 'cumulative',
    leadUnitCode: 'tax',
    decomposition: 'decomposed',
    ...extra,
  });
  const send = (items: CatalogBatchItem[]) =>
    bus.execute<RecordCatalogBatchCommand, CatalogBatchResult[]>(new RecordCatalogBatchCommand(items));

  beforeAll(async () => {
    t = await startTestApp('embedded');
    bus = t.app.get(CommandBus);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('writes units, the plan and indicators (a sub-indicator after its parent in the same batch), refusing only the bad ones', async () => {
    const repeatedId = uuidv4();
    const results = await send([
      new RegisterUnitCommand({ code: 'jiading', name: '嘉定区', kind: 'district' }, context()),
      new RegisterUnitCommand({ code: 'tax', name: '区税务局', kind: 'department' }, context(repeatedId)),
      new RegisterUnitCommand({ code: 'tax', name: '区税务局', kind: 'department' }, context(repeatedId)),
      new CreatePlanCommand({ code: PLAN, year: 2021, title: '2021年目标任务' }, context()),
      new DefineIndicatorCommand(indicator('I01'), context()),
      new DefineIndicatorCommand(indicator('I01-1', { parentCode: 'I01' }), context()),
      new DefineIndicatorCommand(indicator('I02', { leadUnitCode: 'nowhere' }), context()),
      new DefineIndicatorCommand(indicator('I03', { parentCode: 'I99' }), context()),
      new DefineIndicatorCommand(indicator('I04'), context()),
    ]);
    expect(results.map((r) => (r.outcome.kind === 'refused' ? r.outcome.error.code : r.outcome.kind))).toEqual([
      'written',
      'written',
      'repeated',
      'written',
      'written',
      'written',
      'unit-not-found',
      'indicator-not-found',
      'written',
    ]);
    expect(results[5].position).toBeGreaterThan(results[4].position!);
    expect(results[8].revision).toBe(0n);

    const [defined] = await t.infrastructure.eventStore.readStream(indicatorStream(PLAN, 'I01-1'));
    expect(defined).toMatchObject({ type: 'IndicatorDefined', data: { code: 'I01-1', parentCode: 'I01' } });
    expect(defined.metadata.actor).toEqual(ACTOR);
  });

  it('answers the same definitions again with nothing new, and a different one with the single command’s conflict', async () => {
    const head = await t.logEnd();
    const results = await send([
      new RegisterUnitCommand({ code: 'jiading', name: '嘉定区', kind: 'district' }, context()),
      new RegisterUnitCommand({ code: 'tax', name: '税务局（改名）', kind: 'department' }, context()),
      new DefineIndicatorCommand(indicator('I01'), context()),
    ]);
    expect(results.map((r) => (r.outcome.kind === 'refused' ? r.outcome.error.code : r.outcome.kind))).toEqual([
      'nothing',
      'unit-exists',
      'nothing',
    ]);
    await expect(
      bus.execute(new RegisterUnitCommand({ code: 'tax', name: '税务局（改名）', kind: 'department' }, context())),
    ).rejects.toMatchObject({ code: 'unit-exists' });
    expect(await t.logEnd()).toBe(head);
  });
});
