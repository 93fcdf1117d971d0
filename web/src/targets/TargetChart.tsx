import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { PeriodView } from '../api/views';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

/**
 * Year-to-date completion against the expected pace (序时进度) and the target line (100 %), as the server
 * computed them (completion and expectedPace are the API's ratios; only ×100 for display). Loaded only on
 * the target page, so ECharts is not in the first page's bundle.
 */
export default function TargetChart({
  periods,
  labels,
}: {
  periods: PeriodView[];
  labels: { completion: string; pace: string; target: string; title: string };
}) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    const percent = (ratio: string | undefined) =>
      ratio === undefined ? null : Number((Number(ratio) * 100).toFixed(1));
    chart.setOption({
      aria: { enabled: true, label: { description: labels.title } },
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: unknown) => (v === null || v === undefined ? '—' : `${String(v)} %`),
      },
      legend: { data: [labels.completion, labels.pace] },
      grid: { left: 48, right: 24, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: periods.map((p) => p.period) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
      series: [
        {
          name: labels.completion,
          type: 'bar',
          data: periods.map((p) => percent(p.completion)),
          itemStyle: { color: '#1d4ed8' },
          markLine: {
            symbol: 'none',
            data: [{ yAxis: 100, name: labels.target }],
            label: { formatter: labels.target },
            lineStyle: { color: '#111827', type: 'dashed' },
          },
        },
        {
          name: labels.pace,
          type: 'line',
          data: periods.map((p) => percent(p.expectedPace)),
          itemStyle: { color: '#a16207' },
        },
      ],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [periods, labels]);
  return <div ref={element} className="chart" role="img" aria-label={labels.title} data-testid="target-chart" />;
}
