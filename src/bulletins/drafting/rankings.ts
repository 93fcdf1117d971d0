import { Decimal } from '../../shared/decimal';
import { CompletionLine, RankingGroup, RankingRow } from '../domain/bulletin.types';

const JUDGED = new Set(['completed', 'green', 'yellow', 'red', 'overdue']);
const CUMULATIVE = new Set(['cumulative', 'cumulative_growth']);

export interface RankedUnit {
  unitCode: string;
  unitName: string;
  group: string;
}

/**
 * Units ranked within their group by the share of judged targets completed or green; ties by the
 * mean pace ratio of their cumulative targets (higher first), then fewer red, then unit code.
 * Rank change is the previous issued bulletin's rank minus this one (positive: moved up).
 */
export function rankUnits(
  units: RankedUnit[],
  lines: CompletionLine[],
  kindOf: (targetId: string) => string,
  previous: RankingGroup[] | null,
): RankingGroup[] {
  const byUnit = new Map<string, CompletionLine[]>();
  for (const line of lines) byUnit.set(line.unitCode, [...(byUnit.get(line.unitCode) ?? []), line]);
  const groups = new Map<string, Array<Omit<RankingRow, 'rank' | 'rankChange'>>>();
  for (const unit of units) {
    const own = byUnit.get(unit.unitCode) ?? [];
    const count = (status: string) => own.filter((l) => l.status === status).length;
    const judged = own.filter((l) => JUDGED.has(l.status)).length;
    const completed = count('completed');
    const onPace = completed + count('green');
    const ratios = own
      .filter((l) => CUMULATIVE.has(kindOf(l.targetId)) && l.paceRatio !== null)
      .map((l) => new Decimal(l.paceRatio!));
    const reds = own.filter((l) => l.status === 'red');
    const row = {
      unitCode: unit.unitCode,
      unitName: unit.unitName,
      targets: judged,
      onPace,
      completed,
      yellow: count('yellow'),
      red: reds.length,
      overdue: count('overdue'),
      score: (judged ? new Decimal(onPace).div(judged) : new Decimal(0)).toFixed(4),
      meanPaceRatio: ratios.length
        ? Decimal.sum(...ratios)
            .div(ratios.length)
            .toFixed(4)
        : null,
      redAllCompleted: reds.length > 0 && reds.every((l) => l.completion !== null && new Decimal(l.completion).gte(1)),
    };
    groups.set(unit.group, [...(groups.get(unit.group) ?? []), row]);
  }
  return [...groups].map(([group, rows]) => {
    const before = new Map(previous?.find((g) => g.group === group)?.rows.map((r) => [r.unitCode, r.rank]) ?? []);
    return {
      group,
      rows: rows.sort(compareRows).map((row, i) => {
        const was = before.get(row.unitCode);
        return { rank: i + 1, rankChange: was === undefined ? null : was - (i + 1), ...row };
      }),
    };
  });
}

function compareRows(a: Omit<RankingRow, 'rank' | 'rankChange'>, b: Omit<RankingRow, 'rank' | 'rankChange'>): number {
  const score = new Decimal(b.score).cmp(a.score);
  if (score) return score;
  if (a.meanPaceRatio !== b.meanPaceRatio) {
    if (a.meanPaceRatio === null) return 1;
    if (b.meanPaceRatio === null) return -1;
    const ratio = new Decimal(b.meanPaceRatio).cmp(a.meanPaceRatio);
    if (ratio) return ratio;
  }
  return a.red - b.red || (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0);
}
