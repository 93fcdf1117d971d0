import { useQueries } from '@tanstack/react-query';
import { Button, Card, Empty, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { get } from '../api/client';
import type { ReportingStatusView, TargetView } from '../api/views';
import { formatFigure, formatPeriod, formatRatio } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { usePlan } from '../shell/plans';
import { ProblemAlert } from '../shell/ProblemAlert';
import { useSession } from '../shell/session';
import { StatusTag } from '../shell/StatusTag';
import { useAsOf } from '../shell/use-as-of';
import { ReportTemplateCard } from '../imports/ReportTemplateCard';
import { useTarget, useTargets, useWarnings } from '../targets/queries';
import { AcknowledgeForm } from './AcknowledgeForm';
import { DueLine } from './DueLine';
import { openPeriodOf, proposedPeriod } from './periods';
import { ReportForm } from './ReportForm';
import { formatGrowth, targetValueParts } from '../targets/target-figures';

/** 本单位填报: the unit's targets with what is due, the report and correction forms, its open warnings. */
export default function ReportPage() {
  const { m, t, language } = useI18n();
  const { user } = useSession();
  const { plans } = usePlan();
  const { historical } = useAsOf();
  const targets = useTargets({});
  const warnings = useWarnings({});
  const [reporting, setReporting] = useState<{ id: string; correctPeriod?: string }>();
  // Due dates and days left per plan of the unit's targets (the server's calendar and working days).
  const planCodes = [...new Set((targets.data ?? []).map((x) => x.planCode))].sort();
  const statuses = useQueries({
    queries: planCodes.map((planCode) => ({
      queryKey: ['reporting-status', planCode, null],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        get<ReportingStatusView>('/api/reporting-status', { planCode }, signal),
    })),
  });
  const monthsOf = (target: TargetView) => statuses[planCodes.indexOf(target.planCode)]?.data?.months;
  const monthOf = (target: TargetView, period: string) => monthsOf(target)?.find((x) => x.period === period);
  if (!user?.unitCode) return <Empty description={m.reportNoUnit} />;
  if (targets.error) return <ProblemAlert error={targets.error} />;
  const yearOf = (target: TargetView) =>
    plans.find((p) => p.code === target.planCode)?.year ?? new Date().getFullYear();
  const proposed = (target: TargetView) => proposedPeriod(target, yearOf(target), openPeriodOf(monthsOf(target)));
  // The server's word for a missed deadline: the target's status 逾期未报 (or the period listed overdue).
  const isOverdue = (target: TargetView) =>
    target.status === 'overdue' || (target.overduePeriods ?? []).includes(proposed(target));
  // Most urgent first: overdue, then the fewest days left; targets owing nothing dated last.
  const urgency = (target: TargetView) => {
    const period = proposed(target);
    const month = monthOf(target, period);
    if (!month || (month.deadlinePassed && !isOverdue(target))) return Number.MAX_SAFE_INTEGER;
    return month.daysLeft;
  };
  const active = (targets.data ?? [])
    .filter((target) => target.lifecycle === 'active')
    .sort((a, b) => urgency(a) - urgency(b));
  const open = (warnings.data ?? []).filter((w) => w.state === 'raised' || w.state === 'escalated');
  return (
    <div className="page report-page">
      <Typography.Title level={1} className="page-title">
        {m.reportTitle}
      </Typography.Title>
      <section aria-labelledby="due-list">
        <h2 id="due-list" className="card-title section-title">
          {m.dueList}
        </h2>
        <Typography.Paragraph type="secondary" className="field-hint">
          {m.reporting.daysNote}
        </Typography.Paragraph>
        {targets.isPending ? (
          <Skeleton active />
        ) : !active.length ? (
          <Empty description={m.targetsEmpty} />
        ) : (
          active.map((target) => (
            <Card
              key={target.id}
              size="small"
              className="report-card"
              title={<Link to={`/targets/${encodeURIComponent(target.id)}`}>{target.indicatorName}</Link>}
              extra={<StatusTag status={target.status} />}
            >
              <Space direction="vertical" size={4} className="report-card-body">
                <span>
                  {target.assessment ? m.assessmentTarget : m.workTarget}：
                  {targetValueParts(target.assessment ?? target.work, target.unitOfMeasure, {
                    growthPct: m.growthPct,
                    deadline: m.milestoneDeadline,
                    rank: m.rankLabel,
                  }).join('，')}
                </span>
                <span>
                  {target.latest?.period
                    ? [
                        t(m.reportedUpTo, { period: formatPeriod(target.latest.period, language) }),
                        ...(target.latest.value !== undefined
                          ? [formatFigure(target.latest.value, target.unitOfMeasure)]
                          : []),
                        ...(target.latest.growthPct !== undefined
                          ? [`${m.growthPct} ${formatGrowth(target.latest.growthPct)}`]
                          : []),
                        ...(target.latest.completion !== undefined
                          ? [`${m.completion} ${formatRatio(target.latest.completion)}`]
                          : []),
                      ].join(' · ')
                    : m.notReported}
                </span>
                <DueLine
                  period={proposed(target)}
                  month={monthOf(target, proposed(target))}
                  overdue={isOverdue(target)}
                />
                <Space wrap>
                  <Button
                    type="primary"
                    size="large"
                    disabled={historical}
                    onClick={() => setReporting({ id: target.id })}
                    aria-label={`${m.reportForm} ${target.indicatorName}`}
                  >
                    {m.reportForm}
                  </Button>
                  {target.latest?.period && (
                    <Button
                      size="large"
                      disabled={historical}
                      onClick={() => setReporting({ id: target.id, correctPeriod: target.latest?.period })}
                      aria-label={`${m.correct} ${target.indicatorName} ${formatPeriod(target.latest.period, language)}`}
                    >
                      {m.correct} {formatPeriod(target.latest.period, language)}
                    </Button>
                  )}
                </Space>
              </Space>
            </Card>
          ))
        )}
      </section>
      <ReportTemplateCard defaultPeriod={active[0] ? proposed(active[0]) : undefined} />
      <section aria-labelledby="unit-warnings" className="section">
        <h2 id="unit-warnings" className="card-title section-title">
          {m.unitWarnings}
        </h2>
        {warnings.isPending ? (
          <Skeleton active />
        ) : !open.length ? (
          <Typography.Paragraph>{m.noUnitWarnings}</Typography.Paragraph>
        ) : (
          open.map((warning) => (
            <Card
              key={warning.id}
              size="small"
              className="report-card"
              title={`${m.level[warning.level] ?? warning.level} · ${formatPeriod(warning.period, language)}`}
              extra={m.state[warning.state] ?? warning.state}
            >
              <Typography.Paragraph>{warning.reason}</Typography.Paragraph>
              <Typography.Paragraph>
                {m.target}：
                <Link to={`/targets/${encodeURIComponent(warning.targetId)}`}>
                  {active.find((x) => x.id === warning.targetId)?.indicatorName ?? warning.targetId}
                </Link>
              </Typography.Paragraph>
              <AcknowledgeForm warning={warning} disabled={historical} />
            </Card>
          ))
        )}
      </section>
      {reporting && (
        <ReportingDialog
          id={reporting.id}
          correctPeriod={reporting.correctPeriod}
          yearOf={yearOf}
          openPeriod={openPeriodOf(
            (targets.data ?? []).filter((x) => x.id === reporting.id).map(monthsOf)[0] ?? undefined,
          )}
          onClose={() => setReporting(undefined)}
        />
      )}
    </div>
  );
}

/** The form over the target's full record (its periods, for corrections). */
function ReportingDialog({
  id,
  correctPeriod,
  yearOf,
  openPeriod,
  onClose,
}: {
  id: string;
  correctPeriod?: string;
  yearOf: (t: TargetView) => number;
  openPeriod?: string;
  onClose: () => void;
}) {
  const target = useTarget(id);
  if (!target.data) return null;
  return (
    <ReportForm
      target={target.data}
      planYear={yearOf(target.data)}
      openPeriod={openPeriod}
      correctPeriod={correctPeriod}
      onClose={onClose}
    />
  );
}
