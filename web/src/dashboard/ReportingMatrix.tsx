import { Switch, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ReportingStatusView } from '../api/views';
import { formatPeriod } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ExportButton } from '../lists/ExportButton';
import { UrgeReportButton } from '../notifications/UrgeReportButton';
import { linkWithAsOf } from '../shell/as-of';
import { useSession } from '../shell/session';
import { STATUS_COLOURS } from '../shell/StatusTag';

type Cell = ReportingStatusView['units'][number]['cells'][number];

/** The colour and word of a cell: overdue (grey-purple) before pending (amber) before all in (green). */
function tone(cell: Cell): { colour: string; word: 'overdue' | 'pending' | 'complete' | 'none' } {
  if (!cell.due) return { colour: '#9ca3af', word: 'none' };
  if (cell.overdue) return { colour: STATUS_COLOURS.overdue, word: 'overdue' };
  if (cell.pending) return { colour: STATUS_COLOURS.yellow, word: 'pending' };
  return { colour: STATUS_COLOURS.green, word: 'complete' };
}

/**
 * 报送情况: units × months, the server's counts of who reported; each cell a link to the unit's targets,
 * named in words (due, reported, answered later, overdue, pending) and readable without colour.
 */
export function ReportingMatrix({
  status,
  unitName,
  asOf,
}: {
  status: ReportingStatusView;
  unitName: (code: string) => string;
  asOf: string | undefined;
}) {
  const { m, t, language } = useI18n();
  const r = m.reportingStatus;
  const [onlyMissing, setOnlyMissing] = useState(false);
  // The office urges (催办) a unit on a month's missing reports from its cell (not on a past "as of" view).
  const canUrge = useSession().hasRole('office') && !asOf;
  const units = onlyMissing ? status.units.filter((u) => u.cells.some((c) => c.overdue || c.pending)) : status.units;
  const latestPassed = [...status.months].reverse().find((month) => month.deadlinePassed);
  const lateUnits = latestPassed
    ? status.units.filter((u) => u.cells.find((c) => c.period === latestPassed.period)?.overdue).length
    : 0;
  if (!status.months.length || !status.units.length) return <Typography.Text>{r.empty}</Typography.Text>;
  const name = (u: ReportingStatusView['units'][number]) => u.unitName ?? unitName(u.unitCode);
  const words = (u: ReportingStatusView['units'][number], cell: Cell) =>
    t(r.cellLabel, { ...cell, unit: name(u), period: formatPeriod(cell.period, language) });
  return (
    <>
      <Typography.Paragraph>
        {latestPassed
          ? t(lateUnits ? r.summaryLate : r.summaryAllIn, {
              period: formatPeriod(latestPassed.period, language),
              date: latestPassed.dueDate,
              units: lateUnits,
            })
          : r.summaryNoneDue}
      </Typography.Paragraph>
      <div className="matrix-tools">
        <label className="switch-label">
          <Switch size="small" checked={onlyMissing} onChange={setOnlyMissing} aria-label={r.onlyMissing} />
          <span aria-hidden="true">{r.onlyMissing}</span>
        </label>
        <ExportButton
          filename={`reporting-status-${status.planCode}.csv`}
          rows={units}
          columns={[
            { title: m.unit, value: (u) => name(u) },
            ...status.months.map((month, i) => ({
              title: month.period,
              value: (u: ReportingStatusView['units'][number]) => {
                const c = u.cells[i];
                return t(r.csvCell, { ...c, done: c.reported + c.answered });
              },
            })),
          ]}
        />
      </div>
      <div className="heat-map-scroll" tabIndex={0} role="region" aria-label={r.title}>
        <table className="heat-map reporting-matrix">
          <caption className="visually-hidden">{r.title}</caption>
          <thead>
            <tr>
              <th scope="col">{m.unit}</th>
              {status.months.map((month) => (
                <th scope="col" key={month.period} title={t(r.dueOn, { date: month.dueDate })}>
                  {formatPeriod(month.period, language).replace(/^\d{4}年/, '')}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {!units.length && (
              <tr>
                <td colSpan={status.months.length + 1}>{r.noneMissing}</td>
              </tr>
            )}
            {units.map((u) => (
              <tr key={u.unitCode}>
                <th scope="row">{name(u)}</th>
                {u.cells.map((cell) => {
                  const { colour, word } = tone(cell);
                  if (word === 'none')
                    return (
                      <td key={cell.period} className="heat-empty">
                        —
                      </td>
                    );
                  const label = words(u, cell);
                  return (
                    <td key={cell.period} style={{ background: `${colour}1f`, borderLeft: `4px solid ${colour}` }}>
                      <Link
                        to={linkWithAsOf(`/targets?unitCode=${encodeURIComponent(u.unitCode)}`, asOf)}
                        aria-label={label}
                        title={label}
                      >
                        <strong>
                          {cell.reported + cell.answered}/{cell.due}
                        </strong>{' '}
                        <span className="heat-word">
                          {word === 'overdue'
                            ? t(r.overdueShort, { n: cell.overdue })
                            : word === 'pending'
                              ? t(r.pendingShort, { n: cell.pending })
                              : r.completeShort}
                        </span>
                      </Link>
                      {canUrge && word === 'overdue' && (
                        <UrgeReportButton
                          planCode={status.planCode}
                          unitCode={u.unitCode}
                          unitName={name(u)}
                          period={cell.period}
                          periodLabel={formatPeriod(cell.period, language)}
                        />
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Typography.Paragraph type="secondary" className="section">
        {r.legend}
      </Typography.Paragraph>
    </>
  );
}
