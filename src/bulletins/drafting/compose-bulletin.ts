import { completionRows } from '../../completion/completion-rows';
import { shanghaiDate } from '../../rules';
import { governingTarget } from '../../targets/domain/target-value';
import { TargetDocument } from '../../targets/read-model/target-document';
import { WarningView } from '../../warnings/read-model/warnings.queries';
import {
  BulletinTotals,
  CompletionLine,
  DraftContent,
  EscalatedWarning,
  LaggingLine,
  LateReporter,
  RankingGroup,
  UnansweredUrging,
} from '../domain/bulletin.types';
import { rankUnits } from './rankings';
import { groupOf, UnitGroup } from './unit-groups';
import { UrgingRecord } from './urgings-as-of';

export interface DraftSources {
  plan: { code: string; title: string };
  period: string;
  cutoff: string;
  title?: string;
  units: Array<{ code: string; name: string; kind: string }>;
  /** Target documents as of the cutoff. */
  targets: TargetDocument[];
  /** The plan's warnings as of the cutoff. */
  warnings: WarningView[];
  /** The plan's urgings recorded by the cutoff. */
  urgings: UrgingRecord[];
  groups: readonly UnitGroup[];
  previous: { id: string; rankings: RankingGroup[] } | null;
  listSize: number;
  sourcePosition: string | null;
}

const SEVERITY: Record<string, number> = { red: 0, yellow: 1 };

/**
 * A bulletin's content (通报) from the read side as of its cutoff. Statuses are the status model's
 * for the bulletin's period (src/rules via completionRows); nothing here judges a figure itself.
 */
export function composeBulletin(s: DraftSources): DraftContent {
  const units = new Map(s.units.map((u) => [u.code, u]));
  const nameOf = (code: string) => units.get(code)?.name ?? code;
  const docs = new Map(s.targets.map((d) => [d.id, d]));
  const inScope = s.targets.filter(
    (d) => d.indicator.planCode === s.plan.code && units.get(d.unitCode)?.kind !== 'district',
  );

  const completion: CompletionLine[] = completionRows(inScope, { period: s.period }).map((row) => {
    const doc = docs.get(row.targetId)!;
    const governing = governingTarget(doc);
    return {
      targetId: row.targetId,
      indicatorCode: row.indicatorCode,
      indicatorName: row.indicatorName,
      category: row.category,
      unitCode: row.unitCode,
      unitName: nameOf(row.unitCode),
      unitOfMeasure: governing.unitOfMeasure ?? doc.indicator.unitOfMeasure,
      target: {
        ...(governing.total !== undefined ? { total: governing.total } : {}),
        ...(governing.growthPct !== undefined ? { growthPct: governing.growthPct } : {}),
        ...(governing.text !== undefined ? { text: governing.text } : {}),
      },
      period: row.period,
      value: row.value,
      growthPct: row.growthPct,
      completion: row.completion,
      expectedPace: row.expectedPace,
      paceRatio: row.paceRatio,
      status: row.status,
    };
  });

  const ranked = [...new Set(inScope.map((d) => d.unitCode))]
    .map((code) => ({
      unitCode: code,
      unitName: nameOf(code),
      group: units.get(code) && groupOf(s.groups, units.get(code)!),
    }))
    .filter((u): u is { unitCode: string; unitName: string; group: string } => u.group !== undefined);
  const groupOrder = s.groups.map((g) => g.name);
  const rankings = rankUnits(
    ranked,
    completion,
    (id) => docs.get(id)!.indicator.kind,
    s.previous?.rankings ?? null,
  ).sort((a, b) => groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group));

  const lagging: LaggingLine[] = completion
    .filter((l) => l.status in SEVERITY)
    .sort(
      (a, b) =>
        SEVERITY[a.status] - SEVERITY[b.status] || paceOf(a) - paceOf(b) || a.targetId.localeCompare(b.targetId),
    )
    .map((l) => {
      const report = l.period ? docs.get(l.targetId)!.periods[l.period]?.report : undefined;
      return { ...l, problems: report?.problems ?? null, nextSteps: report?.nextSteps ?? null };
    });

  const late = new Map<string, LateReporter>();
  for (const doc of inScope.filter((d) => d.lifecycle === 'active').sort((a, b) => a.id.localeCompare(b.id))) {
    const periods = (doc.overduePeriods ?? []).filter((p) => p <= s.period).sort();
    if (!periods.length) continue;
    const entry = late.get(doc.unitCode) ?? { unitCode: doc.unitCode, unitName: nameOf(doc.unitCode), targets: [] };
    entry.targets.push({
      targetId: doc.id,
      indicatorCode: doc.indicator.code,
      indicatorName: doc.indicator.name,
      periods,
    });
    late.set(doc.unitCode, entry);
  }
  const lateReporters = [...late.values()].sort(
    (a, b) => b.targets.length - a.targets.length || a.unitCode.localeCompare(b.unitCode),
  );

  const escalated: EscalatedWarning[] = s.warnings
    .filter((w) => w.planCode === s.plan.code && w.escalated && w.state !== 'cleared')
    .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.id.localeCompare(b.id))
    .map((w) => ({
      warningId: w.id,
      targetId: w.targetId,
      indicatorCode: w.indicatorCode,
      indicatorName: docs.get(w.targetId)?.indicator.name ?? w.indicatorCode,
      unitCode: w.unitCode,
      unitName: nameOf(w.unitCode),
      level: w.level,
      period: w.period,
      raisedAt: w.raisedAt,
      reason: w.reason,
      acknowledged: w.acknowledgement !== undefined,
    }));

  // An urging is answered by the unit's reply or its 情况说明 on the warning after it; one on a cleared warning is moot.
  const warningsById = new Map(s.warnings.map((w) => [w.id, w]));
  const unansweredUrgings: UnansweredUrging[] = s.urgings
    .filter((u) => {
      const w = warningsById.get(u.warningId);
      return (
        u.planCode === s.plan.code &&
        !u.replied &&
        w !== undefined &&
        w.state !== 'cleared' &&
        !(w.acknowledgement && w.acknowledgement.at >= u.urgedAt)
      );
    })
    .sort((a, b) => a.urgedAt.localeCompare(b.urgedAt) || a.urgingId.localeCompare(b.urgingId))
    .map((u) => ({
      urgingId: u.urgingId,
      warningId: u.warningId,
      targetId: u.targetId,
      indicatorCode: u.indicatorCode,
      indicatorName: docs.get(u.targetId)?.indicator.name ?? u.indicatorCode,
      unitCode: u.unitCode,
      unitName: nameOf(u.unitCode),
      message: u.message,
      urgedAt: u.urgedAt,
      urgedBy: u.urgedBy,
      replyBy: u.replyBy,
    }));

  const totals = totalsOf(completion);
  const title = s.title ?? `${s.plan.title}${s.period.slice(0, 4)}年${Number(s.period.slice(5))}月进展情况通报`;
  return {
    planCode: s.plan.code,
    planTitle: s.plan.title,
    period: s.period,
    cutoff: s.cutoff,
    title,
    summary: summaryOf(s.plan.title, shanghaiDate(new Date(s.cutoff)), totals),
    totals,
    completion,
    rankings,
    lagging,
    lateReporters,
    escalated,
    unansweredUrgings,
    listSize: s.listSize,
    sourcePosition: s.sourcePosition,
    previousBulletinId: s.previous?.id ?? null,
  };
}

function paceOf(line: CompletionLine): number {
  return line.paceRatio === null ? -Infinity : Number(line.paceRatio);
}

export function totalsOf(lines: CompletionLine[]): BulletinTotals {
  const count = (status: string) => lines.filter((l) => l.status === status).length;
  const completed = count('completed');
  const green = count('green');
  const yellow = count('yellow');
  const red = count('red');
  const overdue = count('overdue');
  return {
    targets: lines.length,
    judged: completed + green + yellow + red + overdue,
    onPace: completed + green,
    completed,
    green,
    yellow,
    red,
    overdue,
    notDue: count('not_due'),
    notStarted: count('not_started'),
  };
}

/** The summary in words; every figure in it is a sum of the completion table. */
export function summaryOf(planTitle: string, cutoffDate: string, t: BulletinTotals): string {
  const [y, m, d] = cutoffDate.split('-').map(Number);
  return (
    `截至${y}年${m}月${d}日，${planTitle}纳入通报的目标共${t.targets}项，已评价${t.judged}项：` +
    `达到序时进度${t.onPace}项（其中提前完成${t.completed}项），黄灯${t.yellow}项，红灯${t.red}项，逾期未报${t.overdue}项。`
  );
}
