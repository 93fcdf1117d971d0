import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import type { CompletionRow } from '../api/views';
import { formatNumber, formatPeriod, formatRatio } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { linkWithAsOf } from '../shell/as-of';
import { usePlan, useUnitNames } from '../shell/plans';
import { ProblemAlert } from '../shell/ProblemAlert';
import { STATUS_COLOURS, STATUS_ORDER, StatusTag } from '../shell/StatusTag';
import { useAsOf } from '../shell/use-as-of';
import { HeatMapTable } from './HeatMapTable';
import { useDashboard, useHeatMap, useReportingStatus } from './queries';
import { ReportingMatrix } from './ReportingMatrix';

/** 总览: the plan year at a glance — counts by status, units × categories, lagging targets, warnings. */
export function DashboardPage() {
  const { m, language } = useI18n();
  const { plan, loading } = usePlan();
  const { asOf } = useAsOf();
  const dashboard = useDashboard(plan?.code, asOf);
  const heatMap = useHeatMap(plan?.code, asOf);
  const reporting = useReportingStatus(plan?.code, asOf);
  const unitName = useUnitNames();
  if (!loading && !plan) return <Empty description={m.noPlans} />;
  if (dashboard.error) return <ProblemAlert error={dashboard.error} />;
  const data = dashboard.data;
  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {m.dashboardTitle}
        {plan && <span className="page-subtitle"> · {plan.title}</span>}
      </Typography.Title>
      <section aria-label={m.statusCounts}>
        <Row gutter={[12, 12]}>
          {STATUS_ORDER.map((status) => (
            <Col key={status} xs={12} sm={8} lg={4}>
              <Card
                size="small"
                role="group"
                aria-label={m.status[status]}
                className="count-card"
                style={{ borderTop: `4px solid ${STATUS_COLOURS[status]}` }}
              >
                {data ? (
                  <Statistic title={<StatusTag status={status} />} value={data.totals[status] ?? 0} />
                ) : (
                  <Skeleton active paragraph={false} />
                )}
              </Card>
            </Col>
          ))}
        </Row>
      </section>
      <Row gutter={[16, 16]} className="section">
        <Col xs={24} xl={16}>
          <Card title={<h2 className="card-title">{m.heatMap}</h2>} size="small">
            {heatMap.error ? (
              <ProblemAlert error={heatMap.error} />
            ) : heatMap.data ? (
              <HeatMapTable map={heatMap.data} unitName={unitName} asOf={asOf} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={<h2 className="card-title">{m.openWarnings}</h2>} size="small">
            {data ? (
              <Row gutter={12}>
                <Col span={12}>
                  <Statistic title={m.openWarnings} value={data.warnings.open} />
                </Col>
                <Col span={12}>
                  <Statistic title={m.warningsEscalated} value={data.warnings.escalated} />
                </Col>
                <Col span={12}>
                  <Statistic title={m.warningsRed} value={data.warnings.red} />
                </Col>
                <Col span={12}>
                  <Statistic title={m.warningsYellow} value={data.warnings.yellow} />
                </Col>
                <Col span={24}>
                  <Link to={linkWithAsOf('/warnings', asOf)}>{m.nav.warnings} →</Link>
                </Col>
              </Row>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
      <Card title={<h2 className="card-title">{m.reportingStatus.title}</h2>} size="small" className="section">
        {reporting.error ? (
          <ProblemAlert error={reporting.error} />
        ) : reporting.data ? (
          <ReportingMatrix status={reporting.data} unitName={unitName} asOf={asOf} />
        ) : (
          <Skeleton active />
        )}
      </Card>
      <Card title={<h2 className="card-title">{m.lagging}</h2>} size="small" className="section">
        {!data ? (
          <Skeleton active />
        ) : !data.lagging.length ? (
          <Typography.Text>{m.noLagging}</Typography.Text>
        ) : (
          <div className="table-scroll">
            <table className="plain-table">
              <thead>
                <tr>
                  <th scope="col">{m.indicator}</th>
                  <th scope="col">{m.unit}</th>
                  <th scope="col">{m.period}</th>
                  <th scope="col">{m.value}</th>
                  <th scope="col">{m.completion}</th>
                  <th scope="col">{m.expectedPace}</th>
                  <th scope="col">{m.statusLabel}</th>
                </tr>
              </thead>
              <tbody>
                {data.lagging.map((r: CompletionRow) => (
                  <tr key={r.targetId}>
                    <td>
                      <Link to={linkWithAsOf(`/targets/${r.targetId}`, asOf)}>
                        {r.indicatorName ?? r.indicatorCode}
                      </Link>
                    </td>
                    <td>{r.unitName ?? unitName(r.unitCode)}</td>
                    <td>{formatPeriod(r.period, language)}</td>
                    <td className="num" title={r.value ?? ''}>
                      {formatNumber(r.value, 2)}
                    </td>
                    <td className="num">{formatRatio(r.completion)}</td>
                    <td className="num">{formatRatio(r.expectedPace)}</td>
                    <td>
                      <StatusTag status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
