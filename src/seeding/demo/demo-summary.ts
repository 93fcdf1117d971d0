import type { DemoSummary } from './demo-loader';

/** What `npm run demo` (and the first boot in demo mode) prints. */
export function formatDemoSummary(summary: DemoSummary): string[] {
  const lines: string[] = [];
  for (const plan of summary.import.plans) {
    const t = plan.targets;
    lines.push(
      `plan ${plan.planCode}: units ${plan.units.created + plan.units.unchanged}, indicators ${plan.indicators.created + plan.indicators.unchanged}, ` +
        `targets ${t.created + t.unchanged} of ${t.inFile} in the file (${t.refused} refused: npm run seed -- ${plan.dir} says why)`,
    );
  }
  const a = summary.actions;
  lines.push(
    `demo script: ${a.reports} reports (${a.late} late), ${a.corrections} corrections, ${a.adjustments} adjustments, ${a.deadlines} deadlines, ${a.acknowledgements} acknowledgements; ` +
      `profiles ${Object.entries(summary.profiles)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
  );
  lines.push(
    `commands: ${summary.written} written, ${summary.repeated} already recorded, ${summary.refused.length} refused`,
  );
  for (const r of summary.refused.slice(0, 10)) lines.push(`  ✗ ${r.key}: ${r.reason}`);
  for (const d of summary.dashboards) {
    const c = d.totals;
    lines.push(
      `dashboard ${d.planCode}: ${c.total} targets — completed ${c.completed}, green ${c.green}, yellow ${c.yellow}, red ${c.red}, overdue ${c.overdue}, not started ${c.not_started}; ` +
        `open warnings ${d.warnings.open} (yellow ${d.warnings.yellow}, red ${d.warnings.red}, escalated ${d.warnings.escalated})`,
    );
  }
  lines.push(
    `warnings by kind/state: ${Object.entries(summary.warnings)
      .sort()
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  lines.push(
    `users (password ${summary.users.password}): ${summary.users.created.length} created, ${summary.users.existing.length} existing — ` +
      [...summary.users.created, ...summary.users.existing].sort().join(', '),
  );
  const appended =
    summary.headAfter === summary.headBefore
      ? 'nothing appended'
      : `log head ${summary.headBefore} → ${summary.headAfter}`;
  lines.push(
    `演示数据已就绪 / demo year ready in ${summary.seconds.toFixed(1)} s (${appended}); simulated time ends ${summary.simulatedUntil.toISOString()}`,
  );
  return lines;
}
