export interface KeepAliveSettings {
  /** Milliseconds between gRPC keep-alive pings. */
  intervalMs: number;
  /** Milliseconds to wait for a ping's acknowledgement before the connection counts as lost. */
  timeoutMs: number;
}

export const DEFAULT_KEEP_ALIVE: KeepAliveSettings = { intervalMs: 10_000, timeoutMs: 10_000 };

/**
 * Adds `keepAliveInterval` / `keepAliveTimeout` to an `esdb://` connection string unless it sets
 * them already, so a silently dead connection (NAT, load balancer) fails a subscription promptly
 * and it resubscribes. Option names are matched as the client parses them: case-insensitively,
 * ignoring `-` and `_`.
 */
export function withKeepAlive(connectionString: string, keepAlive: KeepAliveSettings = DEFAULT_KEEP_ALIVE): string {
  const base = connectionString.trim();
  const queryStart = base.indexOf('?');
  const present = new Set(
    (queryStart < 0 ? '' : base.slice(queryStart + 1))
      .split('&')
      .map((pair) => flat(pair.split('=')[0] ?? ''))
      .filter((key) => key !== ''),
  );
  const additions: string[] = [];
  if (!present.has('keepaliveinterval')) additions.push(`keepAliveInterval=${keepAlive.intervalMs}`);
  if (!present.has('keepalivetimeout')) additions.push(`keepAliveTimeout=${keepAlive.timeoutMs}`);
  if (additions.length === 0) return base;
  if (queryStart < 0) return `${base.replace(/\/+$/, '')}?${additions.join('&')}`;
  const separator = base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${separator}${additions.join('&')}`;
}

function flat(key: string): string {
  return key.trim().toLowerCase().replace(/[_-]/g, '');
}
