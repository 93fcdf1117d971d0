import { FollowerReport } from '../projections/projections.service';

/**
 * What is wrong with each follower, in words (zh-CN / English), keyed by name; absent when healthy.
 * A follower is unhealthy when it is not following (rebuilding, paused, stopped) or standing by, has been behind
 * the log for `stuckSeconds` without moving, or has unresolved events in the quarantine.
 */
export function followerProblems(report: readonly FollowerReport[], stuckSeconds: number): Map<string, string> {
  const problems = new Map<string, string>();
  for (const f of report) {
    const reasons: string[] = [];
    // Standing by while another instance leads is healthy; its position is the leader's.
    if (f.state !== 'following' && f.state !== 'standby') reasons.push(`状态 ${f.state} / state is ${f.state}`);
    if (f.lagEvents > 0 && f.lagSeconds >= stuckSeconds) {
      reasons.push(
        `落后 ${f.lagEvents} 个事件已 ${f.lagSeconds} 秒 / ${f.lagEvents} events behind for ${f.lagSeconds} s`,
      );
    }
    if (f.quarantined > 0) reasons.push(`${f.quarantined} 个事件被隔离 / ${f.quarantined} events quarantined`);
    if (reasons.length)
      problems.set(
        f.name,
        `${f.name}: ${reasons.join(', ')}${f.lastError ? ` (last error: ${f.lastError.message})` : ''}`,
      );
  }
  return problems;
}
