/**
 * The as-of moment 时间回溯 lives in the URL (`?asOf=<ISO time>`): pure helpers to read it, write it
 * and offer the plan year's month ends (Asia/Shanghai, +08:00 all year).
 */
export function parseAsOf(search: string): string | undefined {
  const raw = new URLSearchParams(search).get('asOf');
  if (!raw) return undefined;
  // An ISO time (the API also accepts a global position: digits).
  if (/^\d+$/.test(raw)) return raw;
  const time = new Date(raw);
  return Number.isNaN(time.getTime()) ? undefined : raw;
}

/** The search string with `asOf` set (or removed), other parameters kept. */
export function withAsOf(search: string, asOf: string | undefined): string {
  const params = new URLSearchParams(search);
  if (asOf) params.set('asOf', asOf);
  else params.delete('asOf');
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The last second of a month in Asia/Shanghai as an ISO instant: (2021, 6) → "2021-06-30T15:59:59.000Z". */
export function monthEnd(year: number, month: number): string {
  const firstOfNext = Date.UTC(year, month, 1, 0, 0, 0) - 8 * 3600 * 1000;
  return new Date(firstOfNext - 1000).toISOString();
}

/** The month (1–12) of the plan year an as-of time falls in, Asia/Shanghai; undefined outside the year. */
export function monthOf(asOf: string | undefined, year: number): number | undefined {
  if (!asOf || /^\d+$/.test(asOf)) return undefined;
  const shanghai = new Date(new Date(asOf).getTime() + 8 * 3600 * 1000);
  if (shanghai.getUTCFullYear() !== year) return undefined;
  return shanghai.getUTCMonth() + 1;
}

/** Appends the as-of moment to an in-app link so navigation stays in the past view. */
export function linkWithAsOf(path: string, asOf: string | undefined): string {
  if (!asOf) return path;
  return `${path}${path.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(asOf)}`;
}

/** An Asia/Shanghai wall time "2021-06-30T23:59" as an ISO instant: "2021-06-30T15:59:00.000Z". */
export function shanghaiInstant(wallTime: string): string {
  return new Date(`${wallTime}:00+08:00`).toISOString();
}
