import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HistoryEntryView, PeriodView } from '../api/views';
import { formatChangeValue, formatFigure, formatPeriod, formatRatio, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import type { Messages } from '../i18n/zh-CN';
import { linkWithAsOf } from '../shell/as-of';
import { useUnitNames } from '../shell/plans';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { StatusTag } from '../shell/StatusTag';
import { useAsOf } from '../shell/use-as-of';
import { WarningActions } from '../notifications/WarningActions';
import { IndicatorGroupTag, secondQuantities, usePlanIndicators } from '../plans/indicators';
import { AdjustForm } from './AdjustForm';
import { useTarget, useTargetHistory, useWarnings } from './queries';
import { chartModeOf, ChartMode, formatGrowth, targetValueParts } from './target-figures';

const TargetChart = lazy(() => import('./TargetChart'));

/** 目标详情: the target, its chart against the expected pace, monthly reports, full history and warnings. */
export default function TargetPage() {
  const { id } = useParams();
  const { m, language } = useI18n();
  const { hasRole } = useSession();
  const { asOf, historical } = useAsOf();
  const target = useTarget(id, asOf);
  const history = useTargetHistory(id);
  const warnings = useWarnings({ planCode: target.data?.planCode, unitCode: target.data?.unitCode, asOf });
  const unitName = useUnitNames();
  const indicators = usePlanIndicators(target.data?.planCode);
  const [dialog, setDialog] = useState<'adjust' | 'withdraw'>();
  // A past view shows the history up to that moment (a time, or a global position).
  const entries = useMemo(() => (history.data ?? []).filter((e) => inView(e, asOf)), [history.data, asOf]);
  if (target.error) return <ProblemAlert error={target.error} />;
  if (!target.data) return <Skeleton active />;
  const v = target.data;
  const periods = v.periods ?? [];
  const mode = chartModeOf(periods);
  const words = { growthPct: m.growthPct, deadline: m.milestoneDeadline, rank: m.rankLabel };
  const own = (warnings.data ?? []).filter((w) => w.targetId === v.id);
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {v.indicatorName} <span className="page-subtitle">· {v.unitName ?? unitName(v.unitCode)}</span>
      </Typography.Title>
      {historical && <Alert type="info" showIcon className="section-gap" title={m.writesDisabled} />}
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={m.indicator}>
            <IndicatorGroupTag group={indicators.data?.find((i) => i.code === v.indicatorCode)?.group} />
            {v.indicatorCode} {v.indicatorName}
          </Descriptions.Item>
          <Descriptions.Item label={m.unit}>{v.unitName ?? unitName(v.unitCode)}</Descriptions.Item>
          <Descriptions.Item label={m.category}>{v.category}</Descriptions.Item>
          <Descriptions.Item label={m.assessmentTarget}>
            {v.assessment ? (
              <div>
                <span title={v.assessment.total ?? v.assessment.growthPct}>
                  {targetValueParts(v.assessment, v.unitOfMeasure, words).join('，')}
                </span>
                {secondQuantities(v.assessment, v.unitOfMeasure).map((q) => (
                  <div key={q}>{q}</div>
                ))}
              </div>
            ) : (
              m.plans.noAssessment
            )}
          </Descriptions.Item>
          {v.work && (
            <Descriptions.Item label={m.workTarget}>
              <div>
                {targetValueParts(v.work, v.unitOfMeasure, words).join('，')}
                {secondQuantities(v.work, v.unitOfMeasure).map((q) => (
                  <div key={q}>{q}</div>
                ))}
              </div>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={m.statusLabel}>
            <span className="tag-row">
              <StatusTag status={v.status} />
              <span className={`lifecycle-tag lifecycle-${v.lifecycle}`}>
                {m.lifecycle[v.lifecycle] ?? v.lifecycle}
              </span>
            </span>
          </Descriptions.Item>
        </Descriptions>
        {hasRole('office') && v.lifecycle === 'active' && (
          <Space wrap className="target-actions">
            <Button type="primary" disabled={historical} onClick={() => setDialog('adjust')}>
              {m.adjust}
            </Button>
            <Button danger disabled={historical} onClick={() => setDialog('withdraw')}>
              {m.withdraw}
            </Button>
          </Space>
        )}
      </Card>
      <Row gutter={[16, 16]} className="section">
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={
              <h2 className="card-title">
                {mode === 'growth' ? m.growthChartTitle : mode === 'none' ? m.periodsTitle : m.chartTitle}
              </h2>
            }
          >
            {periods.length ? (
              <>
                {mode !== 'none' && (
                  <Suspense fallback={<Skeleton active />}>
                    <TargetChart
                      periods={periods}
                      months={periods.map((p) => formatMonth(p.period, language))}
                      mode={mode}
                      targetLine={mode === 'completion' ? 100 : growthLine(v.assessment?.growthPct)}
                      labels={
                        mode === 'completion'
                          ? { title: m.chartTitle, bars: m.completion, pace: m.expectedPace, target: m.chartTarget }
                          : {
                              title: m.growthChartTitle,
                              bars: m.growthPct,
                              target: `${m.targetGrowth} ${formatGrowth(v.assessment?.growthPct)}`,
                            }
                      }
                    />
                  </Suspense>
                )}
                <PeriodTable periods={periods} mode={mode} unitOfMeasure={v.unitOfMeasure} />
              </>
            ) : (
              <Typography.Text>{m.noReports}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={<h2 className="card-title">{m.reports}</h2>}>
            {!periods.length ? (
              <Typography.Text>{m.noReports}</Typography.Text>
            ) : (
              [...periods].reverse().map((p) => (
                <section key={p.period} className="report-entry" aria-label={formatPeriod(p.period, language)}>
                  <h3 className="report-entry-title">
                    {formatPeriod(p.period, language)} · {reportedFigure(p, v.unitOfMeasure, m)}{' '}
                    <StatusTag status={p.status} />
                  </h3>
                  {p.report?.narrative && (
                    <p>
                      <strong>{m.narrative}：</strong>
                      {p.report.narrative}
                    </p>
                  )}
                  {p.report?.problems && (
                    <p>
                      <strong>{m.problems}：</strong>
                      {p.report.problems}
                    </p>
                  )}
                  {p.report?.nextSteps && (
                    <p>
                      <strong>{m.nextSteps}：</strong>
                      {p.report.nextSteps}
                    </p>
                  )}
                </section>
              ))
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" className="section" title={<h2 className="card-title">{m.history}</h2>}>
        {history.error ? (
          <ProblemAlert error={history.error} />
        ) : !entries.length ? (
          <Empty description={m.noHistory} />
        ) : (
          <HistoryTable entries={entries} />
        )}
      </Card>
      <Card size="small" className="section" title={<h2 className="card-title">{m.warningsOfTarget}</h2>}>
        {!own.length ? (
          <Typography.Text>{m.empty}</Typography.Text>
        ) : (
          <ul className="plain-list">
            {own.map((w) => (
              <li key={w.id}>
                {m.level[w.level] ?? w.level} · {m.state[w.state] ?? w.state} · {formatPeriod(w.period, language)} ·{' '}
                {w.reason}
                {w.acknowledgement &&
                  ` — ${m.explanation}：${w.acknowledgement.explanation ?? ''}；${m.measures}：${w.acknowledgement.measures ?? ''}`}
                <WarningActions
                  warning={w}
                  what={`${v.indicatorName} ${v.unitName ?? unitName(v.unitCode)}`}
                  disabled={historical}
                />
              </li>
            ))}
          </ul>
        )}
        <Link to={linkWithAsOf('/warnings', asOf)}>{m.nav.warnings} →</Link>
      </Card>
      {dialog && <AdjustForm target={v} mode={dialog} onClose={() => setDialog(undefined)} />}
    </div>
  );
}

function inView(entry: HistoryEntryView, asOf: string | undefined): boolean {
  if (!asOf) return true;
  if (/^\d+$/.test(asOf)) return BigInt(entry.position) <= BigInt(asOf);
  return new Date(entry.recordedAt) <= new Date(asOf);
}

function HistoryTable({ entries }: { entries: HistoryEntryView[] }) {
  const { m } = useI18n();
  return (
    <div className="table-scroll">
      <table className="plain-table" aria-label={m.history}>
        <thead>
          <tr>
            <th scope="col">{m.recordedAt}</th>
            <th scope="col">{m.eventType}</th>
            <th scope="col">{m.actor}</th>
            <th scope="col">{m.reason}</th>
            <th scope="col">{m.approvalDocument}</th>
            <th scope="col">{m.changes}</th>
          </tr>
        </thead>
        <tbody>
          {[...entries].reverse().map((e) => (
            <tr key={e.position}>
              <td>{formatTime(e.recordedAt)}</td>
              <td>{m.events[e.type] ?? e.type}</td>
              <td>{e.actor?.displayName ?? e.actor?.username ?? '—'}</td>
              <td>{e.reason ?? '—'}</td>
              <td>{e.approvalDocument ?? '—'}</td>
              <td>
                {e.changes.map((c) => (
                  <div key={c.field}>
                    {c.field}: {formatChangeValue(c.before)} → {formatChangeValue(c.after)}
                  </div>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The target growth in % for the chart's line; none when the target states no growth. */
function growthLine(growthPct: string | undefined): number | undefined {
  return growthPct === undefined ? undefined : Number(growthPct);
}

/** "2021-03" → "3月" / "Mar": the chart's x axis. */
function formatMonth(period: string, language: 'zh-CN' | 'en'): string {
  const month = Number(period.slice(5));
  if (language === 'zh-CN') return `${month}月`;
  return new Date(Date.UTC(2000, month - 1, 15)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
}

/** What a month's report says in one figure: the value, the growth, done or not, or the self-rating. */
function reportedFigure(p: PeriodView, unitOfMeasure: string, m: Messages): string {
  const parts: string[] = [];
  if (p.value !== undefined) parts.push(formatFigure(p.value, unitOfMeasure));
  if (p.growthPct !== undefined) parts.push(`${m.growthPct} ${formatGrowth(p.growthPct)}`);
  if (p.report?.done !== undefined) parts.push(p.report.done ? m.doneYes : m.doneNo);
  if (p.report?.selfRating) parts.push(m.selfRatings[p.report.selfRating] ?? p.report.selfRating);
  return parts.join(' · ') || '—';
}

/** The chart's figures as a table (its text alternative); for kinds without a chart, the table itself, open. */
function PeriodTable({
  periods,
  mode,
  unitOfMeasure,
}: {
  periods: PeriodView[];
  mode: ChartMode;
  unitOfMeasure: string;
}) {
  const { m, language } = useI18n();
  const table = (
    <table className="plain-table">
      <thead>
        <tr>
          <th scope="col">{m.period}</th>
          {mode === 'completion' && (
            <>
              <th scope="col">{m.value}</th>
              <th scope="col">{m.completion}</th>
              <th scope="col">{m.expectedPace}</th>
            </>
          )}
          {mode === 'growth' && <th scope="col">{m.growthPct}</th>}
          {mode === 'none' && <th scope="col">{m.reportedLabel}</th>}
          <th scope="col">{m.statusLabel}</th>
        </tr>
      </thead>
      <tbody>
        {periods.map((p) => (
          <tr key={p.period}>
            <td>{formatPeriod(p.period, language)}</td>
            {mode === 'completion' && (
              <>
                <td className="num" title={p.value}>
                  {formatFigure(p.value, unitOfMeasure)}
                </td>
                <td className="num">{formatRatio(p.completion)}</td>
                <td className="num">{formatRatio(p.expectedPace)}</td>
              </>
            )}
            {mode === 'growth' && (
              <td className="num" title={p.growthPct}>
                {formatGrowth(p.growthPct)}
              </td>
            )}
            {mode === 'none' && <td>{reportedFigure(p, unitOfMeasure, m)}</td>}
            <td>
              <StatusTag status={p.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  if (mode === 'none') return table;
  return (
    <details>
      <summary>{m.chartAlt}</summary>
      {table}
    </details>
  );
}
