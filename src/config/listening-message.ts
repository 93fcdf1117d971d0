import { networkInterfaces } from 'node:os';

const WILDCARDS = new Set(['0.0.0.0', '::', '']);

/** The URLs to give people for a server bound to `host:port`: what it binds, then addresses to open it at. */
export function listeningUrls(
  host: string,
  port: number,
  interfaces = networkInterfaces(),
): { bound: string; open: string[] } {
  const url = (h: string) => `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
  if (!WILDCARDS.has(host)) return { bound: url(host), open: [url(host)] };
  const lan = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => url(i.address));
  return { bound: url(host), open: [url('localhost'), ...lan] };
}

/** "listening on http://0.0.0.0:3000 — open http://localhost:3000, http://10.0.0.5:3000" */
export function listeningMessage(host: string, port: number, interfaces = networkInterfaces()): string {
  const { bound, open } = listeningUrls(host, port, interfaces);
  return `listening on ${bound} — 打开 / open ${open.join(', ')}`;
}
