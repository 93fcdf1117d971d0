import { Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { TargetValue } from '../api/views';
import { formatNumber } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ProblemAlert } from '../shell/ProblemAlert';

/** An indicator as the catalog lists it (GET /api/plans/{code}/indicators). */
export interface PlanIndicator {
  code: string;
  name: string;
  category: string;
  /** The printed heading the indicator sits under (工业投资 over 增幅 and 总量). */
  group?: string;
  parentCode?: string;
  unitOfMeasure: string;
  kind: string;
  decomposition: string;
}

export function usePlanIndicators(planCode: string | undefined) {
  return useQuery({
    queryKey: ['plan-indicators', planCode],
    queryFn: ({ signal }) =>
      get<PlanIndicator[]>(`/api/plans/${encodeURIComponent(planCode ?? '')}/indicators`, undefined, signal),
    enabled: !!planCode,
    staleTime: 300_000,
  });
}

/** The group heading shown before an indicator's name (工业投资 · 增幅). */
export function IndicatorGroupTag({ group }: { group?: string }) {
  const { m } = useI18n();
  if (!group) return null;
  return (
    <Tag color="geekblue" aria-label={`${m.plans.group}：${group}`}>
      {group}
    </Tag>
  );
}

/** 其中 quantities of a target value: "其中流转面积 1,200 亩". */
export function secondQuantities(value: TargetValue | undefined, indicatorUnit: string): string[] {
  // As many decimals as given: 1200 亩 is not 1,200.00 亩.
  return (value?.also ?? []).map((q) => {
    const decimals = (q.total.split('.')[1] ?? '').length;
    return `其中${q.label ?? ''} ${formatNumber(q.total, decimals)} ${q.unitOfMeasure ?? indicatorUnit}`;
  });
}

/** A plan's indicators, each under its printed group heading (指标组), in definition order. */
export function PlanIndicatorList({ planCode }: { planCode: string }) {
  const { m, t } = useI18n();
  const p = m.plans;
  const indicators = usePlanIndicators(planCode);
  if (indicators.error) return <ProblemAlert error={indicators.error} />;
  return (
    <Table
      rowKey="code"
      size="small"
      loading={indicators.isPending}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: true }}
      aria-label={t(p.indicatorsOf, { plan: planCode })}
      dataSource={indicators.data ?? []}
      columns={[
        { title: p.indicatorCode, dataIndex: 'code' },
        { title: m.category, dataIndex: 'category' },
        {
          title: p.group,
          dataIndex: 'group',
          render: (g?: string) => g ?? <Typography.Text type="secondary">—</Typography.Text>,
        },
        {
          title: p.indicatorName,
          key: 'name',
          render: (_: unknown, i: PlanIndicator) => (
            <>
              <IndicatorGroupTag group={i.group} />
              {i.parentCode ? `#${i.name}` : i.name}
            </>
          ),
        },
        { title: p.unitOfMeasure, dataIndex: 'unitOfMeasure' },
      ]}
    />
  );
}
