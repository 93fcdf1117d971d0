import { EvaluationJson } from '../../rules';

const STATUS_NAMES: Record<string, string> = {
  completed: '已完成 completed',
  green: '正常 green',
  yellow: '黄色 yellow',
  red: '红色 red',
};

const percent = (fraction: string) => `${(Number(fraction) * 100).toFixed(1)}%`;

/** A sentence for the warning list: what was measured against what (Chinese, then English figures). */
export function statusReason(period: string, evaluation: EvaluationJson): string {
  const parts = [`${period} ${STATUS_NAMES[evaluation.status] ?? evaluation.status}`];
  if (evaluation.completion) parts.push(`完成 ${percent(evaluation.completion)}`);
  if (evaluation.expectedPace) parts.push(`序时进度 ${percent(evaluation.expectedPace)}`);
  if (evaluation.paceRatio) parts.push(`进度比 pace ratio ${Number(evaluation.paceRatio).toFixed(3)}`);
  if (evaluation.growthGap) parts.push(`增幅差 growth gap ${evaluation.growthGap} 个百分点 pp`);
  return parts.join('，');
}
