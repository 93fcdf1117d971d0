import type { PeriodView, TargetValue } from '../api/views';
import { formatFigure, formatNumber } from '../format/format';

/**
 * What a target's chart can draw from the server's figures: year-to-date completion against the expected
 * pace (累计 kinds), the reported growth % against the target growth (增幅 kinds, whose periods carry a
 * growth but no completion), or nothing (milestones, qualitative and other kinds: a table says it).
 */
export type ChartMode = 'completion' | 'growth' | 'none';

export function chartModeOf(periods: readonly PeriodView[]): ChartMode {
  if (periods.some((p) => p.completion !== undefined)) return 'completion';
  if (periods.some((p) => p.growthPct !== undefined)) return 'growth';
  return 'none';
}

/** A growth in percent as the API gives it ("6.5") for display: "6.5 %" (one decimal, as % figures are shown). */
export function formatGrowth(growthPct: string | undefined): string {
  return growthPct === undefined ? '—' : `${formatNumber(growthPct, 1)} %`;
}

export interface TargetValueWords {
  growthPct: string;
  deadline: string;
  rank: string;
}

/**
 * The parts of a target value (考核目标 / 工作目标) in words: the total with its unit, the growth, the
 * milestone's deadline, the rank and the text — whichever the target has; none of them → "—".
 */
export function targetValueParts(
  value: TargetValue | undefined,
  unitOfMeasure: string,
  words: TargetValueWords,
): string[] {
  if (!value) return [];
  const parts: string[] = [];
  if (value.total !== undefined) parts.push(formatFigure(value.total, unitOfMeasure));
  if (value.growthPct !== undefined) parts.push(`${words.growthPct} ${formatGrowth(value.growthPct)}`);
  if (value.deadline !== undefined) parts.push(`${words.deadline} ${value.deadline}`);
  if (value.rank !== undefined) parts.push(`${words.rank} ${value.rank}`);
  if (value.text) parts.push(value.text);
  return parts.length ? parts : ['—'];
}
