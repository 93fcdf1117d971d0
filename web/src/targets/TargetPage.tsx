import { Alert, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { HistoryEntryView } from '../api/views';
import { formatChangeValue, formatFigure, formatPeriod, formatRatio, formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
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
  const chartLabels = useMemo(
    () => ({ completion: m.completion, pace: m.expectedPace, target: m.chartTarget, title: m.chartTitle }),
    [m],
  );
  if (target.error) return <ProblemAlert error={target.error} />;
  if (!target.data) return <Skeleton active />;
  const v = target.data;
  const periods = v.periods ?? [];
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
                <span title={v.assessment.total}>{formatFigure(v.assessment.total, v.unitOfMeasure)}</span>{' '}
                {v.assessment.text ?? ''}
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
                {formatFigure(v.work.total, v.unitOfMeasure)} {v.work.text ?? ''}
                {secondQuantities(v.work, v.unitOfMeasure).map((q) => (
                  <div key={q}>{q}</div>
                ))}
              </div>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={m.statusLabel}>
            <StatusTag status={v.status} /> {m.lifecycle[v.lifecycle] ?? v.lifecycle}
          </Descriptions.Item>
        </Descriptions>
        {hasRole('office') && v.lifecycle === 'active' && (
          <Space wrap>
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
          <Card size="small" title={<h2 className="card-title">{m.chartTitle}</h2>}>
            {periods.length ? (
              <>
                <Suspense fallback={<Skeleton active />}>
                  <TargetChart periods={periods} labels={chartLabels} />
                </Suspense>
                <details>
                  <summary>{m.chartAlt}</summary>
                  <table className="plain-table">
                    <thead>
                      <tr>
                        <th scope="col">{m.period}</th>
                        <th scope="col">{m.value}</th>
                        <th scope="col">{m.completion}</th>
                        <th scope="col">{m.expectedPace}</th>
                        <th scope="col">{m.statusLabel}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {periods.map((p) => (
                        <tr key={p.period}>
                          <td>{formatPeriod(p.period, language)}</td>
                          <td className="num" title={p.value}>
                            {formatFigure(p.value, v.unitOfMeasure)}
                          </td>
                          <td className="num">{formatRatio(p.completion)}</td>
                          <td className="num">{formatRatio(p.expectedPace)}</td>
                          <td>
                            <StatusTag status={p.status} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
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
                    {formatPeriod(p.period, language)} · {formatFigure(p.value, v.unitOfMeasure)}{' '}
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
