/**
 * The demo year (演示年度): imports the Jiading 2021 plan and key tasks, creates one demo user per role
 * and per town / sub-district / zone, then plays the demo script at simulated 2021 times — each
 * command carries its moment in `now`, and the report deadlines are recorded by the deadline
 * scheduler run on a FixedClock set to each deadline's moment, between the reports of their time — so
 * the warnings reactor raises, escalates and clears warnings exactly as it would have live.
 *
 * Everything is idempotent (command ids derive from the script's keys): loading twice appends nothing.
 */
import * as path from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { v5 as uuidv5 } from 'uuid';
import { CatalogQueries } from '../../catalog/read-model/catalog.queries';
import { CompletionService } from '../../completion/completion.service';
import type { Dashboard } from '../../completion/dashboard';
import type { AppConfig } from '../../config/app-config';
import type { Infrastructure } from '../../database/infrastructure';
import { DeadlineScheduler } from '../../deadlines/deadline-scheduler';
import { ReminderScheduler } from '../../notifications/reminders/reminder-scheduler';
import { Actor, EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { UsersService } from '../../identity';
import { ProjectionsService } from '../../projections/projections.service';
import { FixedClock } from '../../shared/clock';
import { CommandContext } from '../../shared/event-sourcing/command-context';
import { unitScopeOf, WriteAuthorization } from '../../shared/event-sourcing/write-authorization';
import { DomainError } from '../../shared/problems/domain-error';
import { readStreamOrEmpty } from '../../shared/event-sourcing/command-executor';
import { RecordTargetBatchCommand, TargetBatchItem, TargetBatchResult } from '../../targets/application/target-batch';
import {
  AdjustTargetCommand,
  CorrectProgressCommand,
  ReportProgressCommand,
} from '../../targets/application/target.commands';
import { targetStream } from '../../targets/domain/target-ids';
import { projectRoot } from '../../shared/project-root';
import { shanghaiDate } from '../../rules';
import { AcknowledgeWarningCommand } from '../../warnings/application/warning.commands';
import { WarningWriteResult } from '../../warnings/application/warning.handlers';
import { WarningsReactor } from '../../warnings/reactor/warnings-reactor';
import { WarningQueries } from '../../warnings/read-model/warnings.queries';
import { withAppContext } from '../app-context';
import { ImportSummary, importPlanDirectories, allRefusals } from '../import/importer';
import { planImport } from '../import/plan-import';
import { loadPlanDirectory, PlanFile } from '../plan-file';
import {
  buildDemoScenario,
  DEMO_LABEL,
  DemoAction,
  demoHorizon,
  DemoProfile,
  DemoScenario,
  DemoTarget,
} from './demo-scenario';
import { DEMO_PASSWORD, demoUsers } from './demo-users';
import { seededRandom } from './prng';
import { refusalOf, WriteActor } from './write-authorization';

/** The plans of the demo year, relative to the project root. */
export const DEMO_PLAN_DIRS = ['seeds/jiading-2021', 'seeds/jiading-2021-key-tasks'];

/** Author of the demo's own bookkeeping (user creation). Reports name the demo users. */
export const DEMO_ACTOR: Actor = { id: 'demo', username: 'system:demo', displayName: '演示数据 / Demo generator' };

const DEMO_NAMESPACE = '9e2c7d4b-5a1f-4c3e-8b6d-0f7a1e2d3c4b';

export interface DemoOptions {
  /** Last month with reports, YYYY-MM (config.demoUntilMonth). */
  untilMonth: string;
  /** The application clock's start (config.clockStart): the demo stops there (default: demoHorizon). */
  clockStart?: string;
  planDirs?: string[];
  onProgress?: (line: string) => void;
  /** Upper bound for the read models and the reactor to catch up (ms). */
  settleTimeoutMs?: number;
}

export interface DemoSummary {
  import: ImportSummary;
  users: { created: string[]; existing: string[]; password: string };
  profiles: Record<DemoProfile, number>;
  actions: {
    reports: number;
    late: number;
    corrections: number;
    adjustments: number;
    deadlines: number;
    acknowledgements: number;
  };
  /** Commands that appended events, and those answered from the record (a repeated load). */
  written: number;
  repeated: number;
  refused: Array<{ key: string; reason: string }>;
  dashboards: Dashboard[];
  /** Warnings by `kind/state` (e.g. `overdue/cleared`) across the demo plans. */
  warnings: Record<string, number>;
  headBefore: bigint;
  headAfter: bigint;
  /** The simulated moment the demo ends at (after the last acknowledgement). */
  simulatedUntil: Date;
  seconds: number;
}

/** Opens an application context on a FixedClock (the app clock is left alone), loads the demo, closes it. */
export async function runDemo(
  settings: { config: AppConfig; infrastructure: Infrastructure },
  options: DemoOptions,
): Promise<DemoSummary> {
  const clock = new FixedClock(new Date(0));
  const plans = await loadDemoPlans(options.planDirs);
  const scenario = scenarioFor(plans, options.untilMonth, options.clockStart);
  clock.set(scenario.importAt);
  return withAppContext({ ...settings, clock }, (app) => loadDemo(app, clock, plans, scenario, options));
}

async function loadDemoPlans(dirs = DEMO_PLAN_DIRS): Promise<PlanFile[]> {
  const root = projectRoot();
  return Promise.all(dirs.map((dir) => loadPlanDirectory(path.resolve(root, dir))));
}

function scenarioFor(plans: PlanFile[], untilMonth: string, clockStart?: string): DemoScenario {
  const [year, month] = untilMonth.split('-').map(Number);
  for (const plan of plans) {
    if (plan.plan.year !== year)
      throw new Error(`DEMO_UNTIL_MONTH ${untilMonth} is not in the plan year ${plan.plan.year} of ${plan.plan.code}`);
  }
  const scenario = buildDemoScenario(demoTargets(plans), {
    year,
    untilMonth: month,
    horizon: demoHorizon(untilMonth, clockStart),
  });
  if (scenario.acknowledgeAt <= scenario.importAt) {
    throw new Error(`CLOCK_START ${clockStart} is before the demo year starts (${scenario.importAt.toISOString()})`);
  }
  return scenario;
}

/** The targets the importer sends (refusals are left out by the caller's run: a refused target has no stream). */
function demoTargets(plans: PlanFile[]): DemoTarget[] {
  const targets: DemoTarget[] = [];
  for (const plan of plans) {
    const batch = planImport(plan, { baseDir: projectRoot() });
    const indicators = new Map(batch.indicators.map((s) => [s.key, s.payload]));
    for (const step of batch.targets) {
      const ind = indicators.get(step.payload.indicatorCode);
      if (!ind) continue;
      targets.push({
        targetId: step.key,
        unitCode: step.payload.unitCode,
        indicator: {
          code: ind.code,
          name: ind.name,
          kind: ind.kind,
          unitOfMeasure: ind.unitOfMeasure,
          ...(ind.direction ? { direction: ind.direction } : {}),
          ...(ind.reportingMonths ? { reportingMonths: ind.reportingMonths } : {}),
        },
        ...(step.payload.assessment ? { assessment: step.payload.assessment } : {}),
        ...(step.payload.work ? { work: step.payload.work } : {}),
      });
    }
  }
  return targets;
}

export async function loadDemo(
  app: INestApplicationContext,
  clock: FixedClock,
  plans: PlanFile[],
  scenario: DemoScenario,
  options: DemoOptions,
): Promise<DemoSummary> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => undefined);
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const bus = app.get(CommandBus, { strict: false });
  const projections = app.get(ProjectionsService, { strict: false });
  const reactor = app.get(WarningsReactor, { strict: false });
  const settleTimeout = options.settleTimeoutMs ?? 15 * 60_000;
  const headBefore = await store.headPosition();

  // 1. The plans, as the import actor, at the simulated start of the year.
  clock.set(scenario.importAt);
  const imported = await importPlanDirectories(
    app,
    plans.map((p) => p.dir),
    { clock, baseDir: projectRoot(), onProgress: progress },
  );
  const refusedTargets = new Set(
    allRefusals(imported)
      .filter((r) => r.kind === 'target')
      .map((r) => r.key),
  );

  // 2. The demo users (demo mode only), created on the simulated clock.
  const users = app.get(UsersService, { strict: false });
  const created: string[] = [];
  const existing: string[] = [];
  const actors = new Map<string, Actor>();
  const writers = new Map<string, WriteActor>();
  const wanted = demoUsers(plans.flatMap((p) => p.units).filter(uniqueBy((u) => u.code)));
  // One password for all of them: hashed (argon2id) once, not once per user.
  const ensured = await users.ensureUsersSharingPassword(wanted, DEMO_PASSWORD, DEMO_ACTOR);
  wanted.forEach((user, i) => {
    const result = ensured[i];
    (result.created ? created : existing).push(user.username);
    actors.set(user.unitCode && user.roles.includes('unit') ? user.unitCode : user.username, {
      id: result.user.id,
      username: result.user.username,
      displayName: result.user.displayName,
    });
    writers.set(result.user.id, {
      username: user.username,
      roles: user.roles,
      ...(user.unitCode ? { unitCode: user.unitCode } : {}),
    });
  });
  progress(
    `  demo: plans imported, ${wanted.length} demo users ready (${Math.round((Date.now() - started) / 1000)} s)`,
  );
  const office = actors.get('demo-office')!;
  // Reports, corrections and acknowledgements are the unit's; an adjustment (with its approval document) is the office's.
  const actorFor = (unitCode: string, type?: DemoAction['type']) =>
    type === 'adjust' ? office : (actors.get(unitCode) ?? office);
  /** The API's role rules (write-authorization.ts): a demo write the API would refuse is refused here too. */
  const refusal = (actor: Actor, eventType: string, unitCode: string) => {
    const writer = writers.get(actor.id);
    return writer ? refusalOf(writer, eventType, unitCode) : `${actor.username} is not a demo user`;
  };
  /** The unit scope travels on the command as data, checked by its handler against the loaded stream, as over HTTP. */
  const authorizationOf = (actor: Actor): WriteAuthorization =>
    unitScopeOf(writers.get(actor.id) ?? { username: actor.username, roles: [] });

  // 3. The year, in simulated time: a simulated day's target commands go through the CommandBus as one
  // RecordTargetBatch (decided in order as their handlers decide them, appended in a transaction or a few); after
  // each day the read models and the warnings reactor catch up on it in batches, so the warnings it raises are
  // recorded that day (the log's recorded times never go back: a warning appended days after its cause would be
  // recorded then, and so would the reports after it), and every deadline finds the reports before it.
  await projections.waitFor(await store.headPosition(), settleTimeout); // the scheduler reads the plans' read model
  const scheduler = new DeadlineScheduler(bus, clock, app.get(CatalogQueries, { strict: false }));
  const actions = scenario.actions.filter((a) => a.type === 'deadline' || !refusedTargets.has(a.targetId));
  const tally = { written: 0, repeated: 0, refused: [] as Array<{ key: string; reason: string }> };
  // A day's target commands, sent together as one RecordTargetBatch command (its handler decides each in order
  // as its own handler would and appends them in a few transactions).
  const day = { items: [] as TargetBatchItem[], keys: [] as string[], targets: new Set<string>() };
  /** Revisions of the target streams as the batches answered them (what a client would send as If-Match). */
  const revisions = new Map<string, bigint>();
  let acknowledged = -1n;
  let lastWritten = -1n;
  const written = () => (acknowledged > lastWritten ? acknowledged : lastWritten);
  const flush = async (): Promise<number> => {
    if (!day.items.length) return 0;
    const { items, keys } = day;
    day.items = [];
    day.keys = [];
    day.targets.clear();
    const results = await bus.execute<RecordTargetBatchCommand, TargetBatchResult[]>(
      new RecordTargetBatchCommand(items),
    );
    let wrote = 0;
    results.forEach(({ targetId, outcome, revision, position }, i) => {
      revisions.set(targetId, revision);
      if (outcome.kind === 'refused') {
        const { message, errors } = outcome.error;
        tally.refused.push({
          key: keys[i],
          reason: message + (errors.length ? `: ${errors.map((e) => e.message).join('; ')}` : ''),
        });
      } else if (outcome.kind === 'written') {
        tally.written++;
        wrote++;
        if (position !== undefined && position > lastWritten) lastWritten = position;
      } else tally.repeated++;
    });
    return wrote;
  };
  const endOfDay = async () => {
    if ((await flush()) > 0) await settle(store, projections, reactor, settleTimeout, written());
  };
  /** The target's revision as a client would see it before an adjustment: after the day's earlier commands. */
  const revisionOf = async (targetId: string): Promise<bigint> => {
    if (day.targets.has(targetId)) await endOfDay();
    const known = revisions.get(targetId);
    if (known !== undefined) return known;
    const history = await readStreamOrEmpty(store, targetStream(targetId));
    return history.length ? history[history.length - 1].revision : -1n;
  };
  const queue = async (action: Exclude<DemoAction, { type: 'deadline' }>) => {
    const context: CommandContext = {
      commandId: uuidv5(`demo/${action.key}`, DEMO_NAMESPACE),
      actor: actorFor(action.unitCode, action.type),
      now: action.at,
      idempotent: true,
    };
    const refused = refusal(context.actor, EVENT_OF_ACTION[action.type], action.unitCode);
    if (refused) {
      tally.refused.push({ key: action.key, reason: refused });
      return;
    }
    day.items.push(await commandOfAction(action, context, authorizationOf(context.actor), revisionOf));
    day.keys.push(action.key);
    day.targets.add(action.targetId);
  };
  // Reminders (临期提醒) and overdue notices due by the end of each simulated day, recorded then — not by the
  // scheduler's wall-clock timer, which the application context leaves off (see withAppContext).
  const reminders = app.get(ReminderScheduler, { strict: false });
  let today = '';
  let lastMonth = '';
  for (const action of actions) {
    const date = shanghaiDate(action.at);
    if (date !== today && today) {
      await endOfDay();
      await reminders.tick();
    }
    today = date;
    clock.set(action.at);
    if (action.type !== 'deadline') {
      await queue(action);
      continue;
    }
    await endOfDay();
    // The overdue warnings a deadline causes are raised at its moment, before the clock moves on.
    if ((await scheduler.tick()) > 0) await settle(store, projections, reactor, settleTimeout, written());
    if (action.period !== lastMonth)
      progress(`  demo: ${action.period} reports in, deadline passed (${Math.round((Date.now() - started) / 1000)} s)`);
    lastMonth = action.period;
  }
  await endOfDay();

  // 4. Units answer some of their open red warnings (情况说明和整改措施), once the reactor has raised them.
  await settle(store, projections, reactor, settleTimeout, written());
  clock.set(scenario.acknowledgeAt);
  let acknowledgements = 0;
  const warnings = app.get(WarningQueries, { strict: false });
  for (const plan of plans) {
    const open = (await warnings.list({ planCode: plan.plan.code }))
      .filter(
        (w) =>
          w.kind === 'status' &&
          w.level === 'red' &&
          w.state !== 'cleared' &&
          w.raisedAt < scenario.acknowledgeAt.toISOString(),
      )
      .sort((a, b) => a.id.localeCompare(b.id))
      .filter((w) => seededRandom(`ack/${w.id}`).chance(0.4));
    for (const [i, w] of open.entries()) {
      const now = new Date(scenario.acknowledgeAt.getTime() + i * 60_000);
      const refused = refusal(actorFor(w.unitCode), 'WarningAcknowledged', w.unitCode);
      if (refused) {
        tally.refused.push({ key: `ack/${w.id}`, reason: refused });
        continue;
      }
      await bus
        .execute<AcknowledgeWarningCommand, WarningWriteResult>(
          new AcknowledgeWarningCommand(
            {
              warningId: w.id,
              explanation: `${DEMO_LABEL}进度滞后主要因重点项目推进不及预期 / key projects are behind schedule`,
              measures: `${DEMO_LABEL}成立专班，逐月跟踪，力争年底前完成 / a task force follows up monthly to finish by year end`,
            },
            {
              commandId: uuidv5(`demo/ack/${w.id}`, DEMO_NAMESPACE),
              actor: actorFor(w.unitCode),
              now,
              idempotent: true,
            },
            authorizationOf(actorFor(w.unitCode)),
          ),
        )
        .then(
          (r) => {
            if (r.repeated || r.position === undefined) return tally.repeated++;
            if (r.position > acknowledged) acknowledged = r.position;
            return tally.written++;
          },
          (error: unknown) => {
            if (!(error instanceof DomainError)) throw error;
            tally.refused.push({ key: `ack/${w.id}`, reason: error.message });
          },
        );
      acknowledgements++;
      clock.set(now);
    }
  }
  await settle(store, projections, reactor, settleTimeout, written());

  // 5. What a newcomer's first screen shows.
  const completion = app.get(CompletionService, { strict: false });
  const dashboards: Dashboard[] = [];
  const byKindState: Record<string, number> = {};
  for (const plan of plans) {
    dashboards.push(await completion.dashboard(plan.plan.code));
    for (const w of await warnings.list({ planCode: plan.plan.code })) {
      const key = `${w.kind}/${w.state}`;
      byKindState[key] = (byKindState[key] ?? 0) + 1;
    }
  }
  const count = (type: DemoAction['type']) => actions.filter((a) => a.type === type).length;
  return {
    import: imported,
    users: { created, existing, password: DEMO_PASSWORD },
    profiles: scenario.profiles,
    actions: {
      reports: count('report'),
      late: actions.filter((a) => a.type === 'report' && a.late).length,
      corrections: count('correct'),
      adjustments: count('adjust'),
      deadlines: count('deadline'),
      acknowledgements,
    },
    written: tally.written,
    repeated: tally.repeated,
    refused: tally.refused,
    dashboards,
    warnings: byKindState,
    headBefore,
    headAfter: await store.headPosition(),
    simulatedUntil: clock.now(),
    seconds: (Date.now() - started) / 1000,
  };
}

const EVENT_OF_ACTION: Record<Exclude<DemoAction, { type: 'deadline' }>['type'], string> = {
  report: 'ProgressReported',
  correct: 'ProgressCorrected',
  adjust: 'TargetAdjusted',
};

/** One action of the script as the command the API would send for it. */
async function commandOfAction(
  action: Exclude<DemoAction, { type: 'deadline' }>,
  context: CommandContext,
  authorization: WriteAuthorization,
  revisionOf: (targetId: string) => Promise<bigint>,
): Promise<TargetBatchItem> {
  switch (action.type) {
    case 'report':
      return new ReportProgressCommand(action.targetId, action.period, action.report, context, authorization);
    case 'correct':
      return new CorrectProgressCommand(
        action.targetId,
        action.period,
        action.correction,
        action.reason,
        context,
        authorization,
      );
    case 'adjust':
      // As a client would: at the revision it saw (If-Match), with the reason and approval document on the event.
      return new AdjustTargetCommand(
        action.targetId,
        { assessment: action.assessment, reason: action.reason, approvalDocument: action.approvalDocument },
        await revisionOf(action.targetId),
        { ...context, reason: action.reason, documentRef: action.approvalDocument },
      );
  }
}

/**
 * Until the read models and the reactor have everything, including the warnings the reactor appended;
 * at least up to `written` (the demo's own last append: on PostgreSQL the visible head stays behind it
 * while any transaction on the server is open).
 */
async function settle(
  store: EventStore,
  projections: ProjectionsService,
  reactor: WarningsReactor,
  timeoutMs: number,
  written = -1n,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const visible = await store.headPosition();
    const head = written > visible ? written : visible;
    const left = () => Math.max(1, deadline - Date.now());
    const caughtUp = (await reactor.waitFor(head, left())) && (await projections.waitFor(head, left()));
    if (!caughtUp) throw new Error('demo: the read models did not catch up in time');
    if ((await store.headPosition()) === head) return;
  }
}

function uniqueBy<T>(key: (item: T) => string): (item: T, index: number, all: T[]) => boolean {
  return (item, index, all) => all.findIndex((other) => key(other) === key(item)) === index;
}
