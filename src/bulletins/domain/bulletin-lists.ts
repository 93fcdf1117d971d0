import { Exemption, ListEntry, RankingGroup, RankingRow } from './bulletin.types';

const entryOf = (group: string, row: RankingRow): ListEntry => ({
  group,
  rank: row.rank,
  unitCode: row.unitCode,
  unitName: row.unitName,
  score: row.score,
  red: row.red,
});

/**
 * 红榜: the top N of each group among units with no red target that reached the pace.
 * 黑榜: the bottom N among units with a red target, leaving out units the office exempted with a reason
 * and units whose every red target is already completed for the year.
 */
export function honourLists(
  rankings: RankingGroup[],
  exemptions: Exemption[],
  size: number,
): { redList: ListEntry[]; blackList: ListEntry[] } {
  const exempt = new Set(exemptions.map((e) => e.unitCode));
  const redList: ListEntry[] = [];
  const blackList: ListEntry[] = [];
  for (const { group, rows } of rankings) {
    redList.push(
      ...rows
        .filter((r) => r.red === 0 && r.targets > 0 && r.onPace > 0)
        .slice(0, size)
        .map((r) => entryOf(group, r)),
    );
    const candidates = rows.filter((r) => r.red > 0 && !exempt.has(r.unitCode) && !r.redAllCompleted);
    blackList.push(
      ...candidates
        .slice(-size)
        .reverse()
        .map((r) => entryOf(group, r)),
    );
  }
  return { redList, blackList };
}
