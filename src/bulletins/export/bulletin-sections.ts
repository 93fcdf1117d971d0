import { shanghaiDate } from '../../rules';
import { bulletinTables, Table } from './bulletin-tables';
import { BulletinView } from './bulletin-view';

export interface Section {
  heading: string;
  paragraphs: string[];
  table?: Table;
}

const NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The circular's sections in order (一、总体情况 … 下一步要求), shared by html and docx. */
export function bulletinSections(b: BulletinView): Section[] {
  const tables = new Map(bulletinTables(b).map((t) => [t.name, t]));
  const names = new Map(b.rankings.flatMap((g) => g.rows.map((r) => [r.unitCode, r.unitName] as const)));
  const unitName = (code: string) => names.get(code) ?? code;
  const sections: Array<Omit<Section, 'heading'> & { title: string }> = [
    { title: '总体情况', paragraphs: [b.summary] },
    { title: '目标任务完成情况', paragraphs: [], table: tables.get('完成情况') },
    {
      title: '各单位排名',
      paragraphs: [
        '按达到序时进度的目标占比排名；占比相同的，依次比较累计类目标平均序时完成率、红灯数量。名次变化与上期已印发通报比较。',
      ],
      table: tables.get('排名'),
    },
    {
      title: '红黑榜',
      paragraphs: b.exemptions.length
        ? [
            `经研究，以下单位因特殊原因不列入黑榜：${b.exemptions.map((e) => `${unitName(e.unitCode)}（${e.reason}）`).join('；')}。`,
          ]
        : [],
      table: tables.get('红黑榜'),
    },
    {
      title: '进度滞后目标',
      paragraphs: b.lagging.length ? [] : ['本期无进度滞后目标。'],
      table: b.lagging.length ? tables.get('滞后目标') : undefined,
    },
    {
      title: '逾期未报送单位',
      paragraphs: b.lateReporters.length ? [] : ['本期各单位均按时报送。'],
      table: b.lateReporters.length ? tables.get('逾期未报') : undefined,
    },
    {
      title: '升级预警',
      paragraphs: b.escalated.length ? [] : ['本期无升级预警。'],
      table: b.escalated.length ? tables.get('升级预警') : undefined,
    },
    ...(b.unansweredUrgings
      ? [
          {
            title: '催办未回复',
            paragraphs: b.unansweredUrgings.length ? [] : ['本期催办均已回复。'],
            table: b.unansweredUrgings.length ? tables.get('催办未回复') : undefined,
          },
        ]
      : []),
    { title: '下一步要求', paragraphs: b.remarks ? b.remarks.split(/\r?\n/).filter((p) => p.trim()) : ['（无）'] },
  ];
  return sections.map(({ title, ...rest }, i) => ({ heading: `${NUMBERS[i]}、${title}`, ...rest }));
}

/** The lines under the title: 文号, issuer, cutoff. */
export function headerLines(b: BulletinView): string[] {
  const [y, m, d] = shanghaiDate(new Date(b.cutoff)).split('-').map(Number);
  return [
    b.documentNo ?? '（草稿，未印发 / Draft）',
    ...(b.issuer ? [`印发单位：${b.issuer}`] : []),
    `数据截至：${y}年${m}月${d}日`,
    ...(b.state === 'withdrawn' ? [`已撤回：${b.withdrawal?.reason ?? ''}`] : []),
  ];
}
