import { governingTarget } from '../domain/target-value';
import { RecordedEvent } from '../../event-store/event-store.port';
import { DocumentProjection } from '../../projections/runner/document-projection';
import { ReportDeadline } from '../../deadlines/deadline.decider';
import { currentStatus, isDueAndMissing, isReportRequired, isValidPeriod, shanghaiDate } from '../../rules';
import { isDemoLabelled } from '../../shared/demo-label';
import { TargetEvent } from '../domain/target.types';
import { TARGET_EVENT_TYPES } from '../domain/target.types';
import { TARGET_STREAMS } from '../domain/target-ids';
import { evaluateReport } from './evaluate-target';
import { statusFactsOf } from './status-facts';
import { PeriodEntry, TargetDocument } from './target-document';

const TARGET_TYPES = new Set<string>(TARGET_EVENT_TYPES);

/** Current targets with their progress and status per period (completion against the expected pace). */
export const targetsProjection: DocumentProjection<TargetDocument> = {
  name: 'targets',
  version: 7,
  table: {
    name: 'rm_targets',
    columns: {
      plan_code: { sqlType: 'text', indexed: true, value: (d) => d.indicator.planCode },
      unit_code: { sqlType: 'text', indexed: true, value: (d) => d.unitCode },
      indicator_code: { sqlType: 'text', indexed: true, value: (d) => d.indicator.code },
      category: { sqlType: 'text', value: (d) => d.indicator.category },
      status: { sqlType: 'text', indexed: true, value: (d) => d.status },
      lifecycle: { sqlType: 'text', value: (d) => d.lifecycle },
      /** Demo data touched the target: 'adjusted' (a demo adjustment), 'reports' (only demo reports), else null. */
      demo: {
        sqlType: 'text',
        value: (d) => (d.demo ? (d.demo.adjustments.length ? 'adjusted' : 'reports') : null),
      },
      /** The latest period's pace ratio, for ordering lagging targets. */
      pace_ratio: {
        sqlType: 'numeric',
        value: (d) => (d.latestPeriod ? (d.periods[d.latestPeriod].evaluation?.paceRatio ?? null) : null),
      },
    },
  },
  select(event) {
    if (TARGET_TYPES.has(event.type)) return { key: TARGET_STREAMS.keyOf(event.streamId) ?? event.streamId };
    // A passed deadline touches every target of the plan.
    if (event.type === 'ReportDeadlinePassed')
      return { column: 'plan_code', value: (event.data as ReportDeadline).planCode };
    return undefined;
  },
  evolve(doc, recorded) {
    return evolveTargetDocument(doc, recorded as RecordedEvent<TargetEvent['type']>);
  },
};

export function evolveTargetDocument(
  doc: TargetDocument | undefined,
  recorded: RecordedEvent,
): TargetDocument | undefined {
  if (recorded.type === 'ReportDeadlinePassed')
    return doc && deadlinePassed(doc, (recorded.data as ReportDeadline).period);
  const event = { type: recorded.type, data: recorded.data } as TargetEvent;
  const at = recorded.metadata.recordedAt;
  const revision = recorded.revision.toString();
  if (event.type === 'TargetAssigned') {
    const d = event.data;
    return withLatest({
      position: recorded.position.toString(),
      id: d.targetId,
      revision,
      indicator: d.indicator,
      unitCode: d.unitCode,
      ...(d.assessment ? { assessment: d.assessment } : {}),
      ...(d.work ? { work: d.work } : {}),
      ...(d.baseline ? { baseline: d.baseline } : {}),
      ...(d.weight ? { weight: d.weight } : {}),
      lifecycle: 'active',
      assignedAt: at,
      updatedAt: at,
      periods: {},
      status: 'not_started',
    });
  }
  if (!doc) return undefined;
  const next: TargetDocument = { ...doc, revision, updatedAt: at };
  switch (event.type) {
    case 'TargetAdjusted':
      if (event.data.assessment ?? doc.assessment) next.assessment = event.data.assessment ?? doc.assessment;
      if (event.data.work ?? doc.work) next.work = event.data.work ?? doc.work;
      if (isDemoLabelled(event.data.reason, event.data.approvalDocument)) {
        const demo = doc.demo ?? { reports: false, adjustments: [] };
        next.demo = {
          ...demo,
          adjustments: [...demo.adjustments, { at, before: governingTarget(doc), after: governingTarget(next) }],
        };
      }
      return reevaluateAll(next, at);
    case 'ProgressReported': {
      const { period, ...report } = event.data;
      if (!isValidPeriod(period)) return next; // recorded before the boundary refused such periods (issue 15)
      const entry: PeriodEntry = { report, reportedAt: at, reportedBy: recorded.metadata.actor.username };
      if (!doc.demo?.reports && isDemoLabelled(report.narrative))
        next.demo = { adjustments: [], ...doc.demo, reports: true };
      return withPeriod(next, period, entry, at);
    }
    case 'ProgressCorrected': {
      const { period, reason: _reason, ...correction } = event.data;
      if (!isValidPeriod(period)) return next; // e.g. '__proto__', recorded before the boundary refused it (issue 15)
      const previous = doc.periods[period];
      if (!previous) return next;
      return withPeriod(
        next,
        period,
        { ...previous, report: { ...previous.report, ...correction }, correctedAt: at },
        at,
      );
    }
    case 'TargetWithdrawn':
      return { ...next, lifecycle: 'withdrawn' };
    default:
      return next;
  }
}

/** A deadline marks the period overdue when the one "due and missing" rule (src/rules/status-model.ts) says so. */
function deadlinePassed(doc: TargetDocument, period: string): TargetDocument | undefined {
  if (doc.lifecycle !== 'active' || doc.overduePeriods?.includes(period)) return undefined;
  if (!isDueAndMissing(statusFactsOf(doc), period, Object.keys(doc.periods))) return undefined;
  return withLatest({ ...doc, overduePeriods: [...(doc.overduePeriods ?? []), period].sort() });
}

/** `doc` is the event's own copy (evolveTargetDocument's `next`): completed in place. */
function withPeriod(doc: TargetDocument, period: string, entry: PeriodEntry, at: string): TargetDocument {
  doc.periods = { ...doc.periods, [period]: evaluateEntry(doc, period, entry, at) };
  // A year-to-date report also answers the missing reports of earlier months.
  if (doc.overduePeriods) doc.overduePeriods = doc.overduePeriods.filter((p) => p > period);
  return withLatest(doc);
}

function reevaluateAll(doc: TargetDocument, at: string): TargetDocument {
  const periods: Record<string, PeriodEntry> = {};
  for (const [period, entry] of Object.entries(doc.periods)) periods[period] = evaluateEntry(doc, period, entry, at);
  // An adjustment to a target of 0 also releases the reports it no longer owes.
  const overduePeriods = doc.overduePeriods?.filter((p) => isReportRequired(statusFactsOf(doc), p));
  return withLatest({ ...doc, periods, ...(overduePeriods ? { overduePeriods } : {}) });
}

const shanghaiDays = new Map<string, string>();

/** The day in Shanghai an event was recorded: many events share a recorded time (a batch, an import, a month's reports). */
function shanghaiDay(at: string): string {
  let day = shanghaiDays.get(at);
  if (day === undefined) {
    if (shanghaiDays.size >= 4096) shanghaiDays.clear();
    shanghaiDays.set(at, (day = shanghaiDate(new Date(at))));
  }
  return day;
}

function evaluateEntry(doc: TargetDocument, period: string, entry: PeriodEntry, at: string): PeriodEntry {
  const today = shanghaiDay(at);
  const evaluation = evaluateReport(doc.indicator, governingTarget(doc), period, entry.report, today);
  const workEvaluation = doc.work ? evaluateReport(doc.indicator, doc.work, period, entry.report, today) : undefined;
  // The entry's other fields in their order, then the evaluations (a rest pattern copies the same, slower).
  const next: Record<string, unknown> = {};
  for (const key of Object.keys(entry)) {
    if (key !== 'evaluation' && key !== 'workEvaluation') next[key] = entry[key as keyof PeriodEntry];
  }
  if (evaluation) next.evaluation = evaluation;
  if (workEvaluation) next.workEvaluation = workEvaluation;
  return next as unknown as PeriodEntry;
}

/** The target's current status, per the status model (src/rules/status-model.ts). `doc` is a fresh copy: set in place. */
function withLatest(doc: TargetDocument): TargetDocument {
  let latest: string | undefined;
  for (const period of Object.keys(doc.periods)) if (latest === undefined || period > latest) latest = period;
  doc.latestPeriod = latest;
  // currentStatus's first two rules read only these (every event of a reported target): its facts are
  // built for the rest.
  if (doc.overduePeriods?.length) doc.status = 'overdue';
  else if (latest !== undefined) doc.status = doc.periods[latest].evaluation?.status ?? 'green';
  else doc.status = currentStatus(statusFactsOf(doc));
  return doc;
}
