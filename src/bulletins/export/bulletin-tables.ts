import { Decimal } from '../../shared/decimal';
import { CompletionLine } from '../domain/bulletin.types';
import { BulletinView } from './bulletin-view';

/**
 * The bulletin's tables as rows of cells, shared by every export format (html, docx, xlsx) so they
 * all say the same. A cell is text, or a figure kept as its decimal string with how to show it.
 */
export type Cell = string | { number: string; as: 'plain' | 'percent' } | null;

export interface Table {
  /** Sheet name and section heading. */
  name: string;
  heading: string;
  columns: string[];
  rows: Cell[][];
}

export const STATUS_LABELS: Record<string, string> = {
  completed: '已完成',
  green: '绿灯',
  yellow: '黄灯',
  red: '红灯',
  overdue: '逾期未报',
  not_started: '未开始',
  not_due: '未到期',
};

const num = (value: string | null | undefined): Cell =>
  value === null || value === undefined ? null : { number: value, as: 'plain' };
const pct = (value: string | null | undefined): Cell =>
  value === null || value === undefined ? null : { number: value, as: 'percent' };
const targetText = (l: CompletionLine) =>
  l.target.text ??
  [l.target.total, l.target.growthPct !== undefined ? `增幅${l.target.growthPct}%` : undefined]
    .filter(Boolean)
    .join('，');

const SHANGHAI = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
/** "2021-09-30 14:05" in Asia/Shanghai. */
const shanghaiTime = (iso: string) => SHANGHAI.format(new Date(iso));

export function rankChangeText(change: number | null): string {
  if (change === null) return '—';
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '持平';
}

export function bulletinTables(b: BulletinView): Table[] {
  return [
    {
      name: '完成情况',
      heading: '目标任务完成情况',
      columns: [
        '指标编码',
        '指标名称',
        '类别',
        '责任单位',
        '计量单位',
        '考核目标',
        '累计完成值',
        '增幅（%）',
        '完成率（%）',
        '序时进度（%）',
        '状态',
      ],
      rows: b.completion.map((l) => [
        l.indicatorCode,
        l.indicatorName,
        l.category,
        l.unitName,
        l.unitOfMeasure,
        l.target.total !== undefined && l.target.growthPct === undefined && !l.target.text
          ? num(l.target.total)
          : targetText(l),
        num(l.value),
        num(l.growthPct),
        pct(l.completion),
        pct(l.expectedPace),
        STATUS_LABELS[l.status] ?? l.status,
      ]),
    },
    {
      name: '排名',
      heading: '各单位排名',
      columns: [
        '分组',
        '名次',
        '名次变化',
        '单位',
        '评价目标数（项）',
        '达到序时进度（项）',
        '已完成（项）',
        '黄灯（项）',
        '红灯（项）',
        '逾期未报（项）',
        '达序时进度率（%）',
      ],
      rows: b.rankings.flatMap((g) =>
        g.rows.map((r) => [
          g.group,
          num(String(r.rank)),
          rankChangeText(r.rankChange),
          r.unitName,
          num(String(r.targets)),
          num(String(r.onPace)),
          num(String(r.completed)),
          num(String(r.yellow)),
          num(String(r.red)),
          num(String(r.overdue)),
          pct(r.score),
        ]),
      ),
    },
    {
      name: '红黑榜',
      heading: '红黑榜',
      columns: ['榜单', '分组', '名次', '单位', '达序时进度率（%）', '红灯（项）'],
      rows: [
        ...b.redList.map((e) => ['红榜', e.group, num(String(e.rank)), e.unitName, pct(e.score), num(String(e.red))]),
        ...b.blackList.map((e) => ['黑榜', e.group, num(String(e.rank)), e.unitName, pct(e.score), num(String(e.red))]),
        ...b.exemptions.map((e) => [
          '豁免',
          '',
          null,
          b.rankings.flatMap((g) => g.rows).find((r) => r.unitCode === e.unitCode)?.unitName ?? e.unitCode,
          e.reason,
          null,
        ]),
      ],
    },
    {
      name: '滞后目标',
      heading: '进度滞后目标',
      columns: [
        '状态',
        '指标名称',
        '责任单位',
        '计量单位',
        '考核目标',
        '累计完成值',
        '完成率（%）',
        '序时进度（%）',
        '存在问题',
        '下步打算',
      ],
      rows: b.lagging.map((l) => [
        STATUS_LABELS[l.status] ?? l.status,
        l.indicatorName,
        l.unitName,
        l.unitOfMeasure,
        targetText(l),
        num(l.value),
        pct(l.completion),
        pct(l.expectedPace),
        l.problems,
        l.nextSteps,
      ]),
    },
    {
      name: '逾期未报',
      heading: '逾期未报送单位',
      columns: ['单位', '逾期目标数（项）', '指标', '逾期月份'],
      rows: b.lateReporters.map((u) => [
        u.unitName,
        num(String(u.targets.length)),
        u.targets.map((t) => t.indicatorName).join('；'),
        [...new Set(u.targets.flatMap((t) => t.periods))].sort().join('、'),
      ]),
    },
    {
      name: '升级预警',
      heading: '升级预警',
      columns: ['单位', '指标', '级别', '期间', '原因', '已反馈'],
      rows: b.escalated.map((w) => [
        w.unitName,
        w.indicatorName,
        w.level === 'red' ? '红色预警' : '黄色预警',
        w.period,
        w.reason,
        w.acknowledged ? '是' : '否',
      ]),
    },
    {
      name: '催办未回复',
      heading: '催办未回复',
      columns: ['单位', '指标', '催办时间', '催办人', '回复期限', '催办内容'],
      rows: (b.unansweredUrgings ?? []).map((u) => [
        u.unitName,
        u.indicatorName,
        shanghaiTime(u.urgedAt),
        u.urgedBy,
        u.replyBy ? shanghaiTime(u.replyBy) : null,
        u.message,
      ]),
    },
  ];
}

/** A cell as text (html, docx): a percent cell in points (its header says （%）). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  return cell.as === 'percent' ? new Decimal(cell.number).times(100).toDecimalPlaces(2).toString() : cell.number;
}
