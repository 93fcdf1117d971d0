import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { PeriodView } from '../api/views';

echarts.use([
  LineChart,
  BarChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  MarkLineComponent,
  SVGRenderer,
]);

export interface TargetChartLabels {
  title: string;
  /** The bars: 累计完成 (completion) or 增幅 (reported growth). */
  bars: string;
  /** The line beside the bars: 序时进度; absent when the kind has no pace (growth). */
  pace?: string;
  /** The target line's label: 目标线 at 100 %, or 目标增幅 8.0 % at the target growth. */
  target: string;
}

/**
 * A target's chart, from the server's figures only (never recomputed here): completion and expected pace
 * are the API's ratios (×100 for display) with the target line at 100 %; for a growth target the reported
 * growth % per month against the target growth (`targetLine`, in %). Loaded only on the target page, so
 * ECharts is not in the first page's bundle. The legend sits above the plot and the months below it, each
 * in its own band (containLabel), so neither covers the other.
 */
export default function TargetChart({
  periods,
  months,
  mode,
  targetLine,
  labels,
}: {
  periods: PeriodView[];
  /** The x axis: each period's month in the page's language (1月 / Jan). */
  months: string[];
  mode: 'completion' | 'growth';
  /** The target line's height in %: 100 for completion, the target growth for growth. */
  targetLine: number | undefined;
  labels: TargetChartLabels;
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    const percent = (ratio: string | undefined) =>
      ratio === undefined ? null : Number((Number(ratio) * 100).toFixed(1));
    const growth = (pct: string | undefined) => (pct === undefined ? null : Number(Number(pct).toFixed(1)));
    const bars = periods.map((p) => (mode === 'completion' ? percent(p.completion) : growth(p.growthPct)));
    chart.setOption({
      aria: { enabled: true, label: { description: labels.title } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)} %`),
      },
      legend: { top: 0, left: 'center', data: [labels.bars, ...(labels.pace ? [labels.pace] : [])] },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: {
        type: 'category',
        data: months,
        axisLabel: { interval: 0 },
      },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} %' }, scale: mode === 'growth' },
      series: [
        {
          name: labels.bars,
          type: 'bar',
          barMaxWidth: 32,
          data: bars,
          itemStyle: { color: '#1d4ed8' },
          ...(targetLine !== undefined
            ? {
                markLine: {
                  symbol: 'none',
                  data: [{ yAxis: targetLine, name: labels.target }],
                  label: { formatter: labels.target, position: 'insideEndTop' },
                  lineStyle: { color: '#111827', type: 'dashed' },
                },
              }
            : {}),
        },
        ...(mode === 'completion' && labels.pace
          ? [
              {
                name: labels.pace,
                type: 'line',
                data: periods.map((p) => percent(p.expectedPace)),
                itemStyle: { color: '#a16207' },
              },
            ]
          : []),
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [periods, months, mode, targetLine, labels]);
  return <div ref={element} className="chart" role="img" aria-label={labels.title} data-testid="target-chart" />;
}
