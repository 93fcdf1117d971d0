import { formatIssue } from '../plan-file';
import type { Refusal } from './plan-import';
import type { EntityCounts, ImportSummary, PlanImportSummary } from './importer';

/** The import summary as printed by `npm run seed`: counts, refusals with reasons, notes, reconciliation. */
export function formatImportSummary(summary: ImportSummary, options: { details?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (const plan of summary.plans) lines.push(...formatPlan(plan, options.details ?? false), '');
  const appended =
    summary.headAfter === summary.headBefore
      ? 'nothing appended'
      : `log head ${summary.headBefore} → ${summary.headAfter}`;
  lines.push(`导入完成 / import done in ${summary.seconds.toFixed(1)} s (${appended})`);
  return lines;
}

function formatPlan(plan: PlanImportSummary, details: boolean): string[] {
  const lines = [
    `计划 Plan ${plan.planCode} — ${plan.title}`,
    `  from ${plan.dir}, documentRef ${plan.documentRef}`,
    `  ${'units'.padEnd(11)} ${counts(plan.units)}`,
    `  ${'indicators'.padEnd(11)} ${counts(plan.indicators)}`,
    `  ${'targets'.padEnd(11)} ${counts(plan.targets)}  — ${plan.targets.inFile} in the file (${plan.targets.districtInFile} district + ${plan.targets.unitInFile} unit)`,
  ];
  if (plan.warnings.length) {
    lines.push(`  校验提示 validation warnings (${plan.warnings.length}):`);
    const shown = details ? plan.warnings : plan.warnings.slice(0, 4);
    for (const w of shown) lines.push(`    ! ${formatIssue(w)}`);
    if (shown.length < plan.warnings.length)
      lines.push(`    … (+${plan.warnings.length - shown.length}; --details lists all)`);
  }
  if (plan.refusals.length) {
    lines.push(`  refused (${plan.refusals.length}):`);
    for (const group of groupRefusals(plan.refusals)) {
      const head = group.items[0];
      if (group.items.length === 1) {
        lines.push(`    ✗ ${head.kind} ${head.label} [${head.documentRef}]: ${group.reason}`);
      } else {
        lines.push(`    ✗ ${group.items.length} ${head.kind}s: ${group.reason}`);
        lines.push(
          `      ${list(
            group.items.map((r) => r.key),
            details ? Infinity : 8,
          )}`,
        );
      }
    }
  }
  if (plan.notes.length) {
    lines.push('  notes (carried, in another field):');
    for (const note of plan.notes) {
      lines.push(`    • ${note.count} × ${note.title}`);
      lines.push(`      ${list(note.details, details ? Infinity : 4)}`);
    }
  }
  if (plan.notCarried.length) {
    lines.push(
      `  kept in the plan file only (不导入，仅保留在计划文件中): ${plan.notCarried.map((n) => `${n.what} ×${n.count}`).join('; ')}`,
    );
  }
  lines.push(...reconciliationLines('考核目标', plan.reconciliation));
  lines.push(...reconciliationLines('工作目标', plan.workReconciliation));
  return lines;
}

/**
 * One side's reconciliation. The assessment side is always shown when there is one; the work side only for
 * indicators whose work targets carry totals (a plan of work targets only reconciles there).
 */
function reconciliationLines(
  side: '考核目标' | '工作目标',
  reconciliation: PlanImportSummary['reconciliation'],
): string[] {
  const lines: string[] = [];
  const total = (l: (typeof reconciliation)[number]) =>
    l.districtTarget !== null || l.unitTargets > l.notSummable.length;
  if (reconciliation.length === 0 || (side === '工作目标' && !reconciliation.some(total))) return lines;
  lines.push(
    `  分解核对 reconciliation (${side}, live read model): district target | sum of unit targets | difference`,
  );
  // Levels, rates, texts and ranks do not add up across units (the plan file's reconciliation says not_summable).
  const summable = reconciliation.filter((l) => l.fileStatus !== 'not_summable' && total(l));
  for (const l of summable) {
    const name = `${l.indicatorCode} ${l.indicatorName}`.padEnd(24);
    if (l.notSummable.length === l.unitTargets) {
      lines.push(
        `    ${name} ${l.districtTarget ?? '—'} ${l.unitOfMeasure} | no unit target carries a ${side === '考核目标' ? 'assessment' : 'work'} total (${l.unitTargets} unit targets)`,
      );
      continue;
    }
    const without = l.notSummable.length ? `, ${l.notSummable.length} without a total` : '';
    lines.push(
      `    ${name} ${l.districtTarget ?? '—'} | ${l.sumOfUnitTargets} | ${l.difference ?? '—'} ${l.unitOfMeasure} (${l.unitTargets} unit targets${without})`,
    );
  }
  const other = reconciliation.length - summable.length;
  if (other)
    lines.push(
      `    … and ${other} decomposed indicators whose targets do not add up (levels, rates, texts, ratings, ranks)`,
    );
  return lines;
}

function counts(c: EntityCounts): string {
  return `created ${c.created}, unchanged ${c.unchanged}, refused ${c.refused}`;
}

function groupRefusals(refusals: Refusal[]): Array<{ reason: string; items: Refusal[] }> {
  const groups = new Map<string, Refusal[]>();
  for (const r of refusals)
    groups.set(`${r.kind}\u0000${r.reason}`, [...(groups.get(`${r.kind}\u0000${r.reason}`) ?? []), r]);
  return [...groups.values()].map((items) => ({ reason: items[0].reason, items }));
}

function list(items: string[], max: number): string {
  return items.length > max ? `${items.slice(0, max).join('; ')}; … (+${items.length - max})` : items.join('; ');
}
