import Decimal from 'decimal.js';

/**
 * Display formatting only (the server computes every figure): decimal strings rounded per unit of
 * measure with thousands separators, exactly (decimal.js, never floating point); dates in Asia/Shanghai.
 */
const PRECISION_BY_UNIT: Record<string, number> = {
  亿元: 2,
  万元: 2,
  元: 2,
  万美元: 2,
  亿美元: 2,
  '%': 1,
  个: 0,
  人: 0,
  家: 0,
  件: 0,
  项: 0,
  户: 0,
  次: 0,
  份: 0,
  套: 0,
  起: 0,
};

export function precisionOf(unitOfMeasure: string | undefined): number {
  return unitOfMeasure !== undefined && unitOfMeasure in PRECISION_BY_UNIT ? PRECISION_BY_UNIT[unitOfMeasure] : 2;
}

/** "1234567.891" → "1,234,567.89"; undefined, null, '' or a non-number → "—". */
export function formatNumber(value: string | number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || value === '') return '—';
  let d: Decimal;
  try {
    d = new Decimal(value);
  } catch {
    return '—';
  }
  const fixed = d.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP).toFixed(decimals);
  const [integer, fraction] = fixed.split('.');
  const sign = integer.startsWith('-') ? '-' : '';
  const digits = sign ? integer.slice(1) : integer;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A figure with its unit of measure beside it: "12.35 亿元", "7.5 %". */
export function formatFigure(value: string | null | undefined, unitOfMeasure: string | undefined): string {
  const number = formatNumber(value, precisionOf(unitOfMeasure));
  if (number === '—' || !unitOfMeasure) return number;
  return `${number} ${unitOfMeasure}`;
}

/** A ratio from the API ("0.875") as a percentage with one decimal: "87.5 %". */
export function formatRatio(ratio: string | null | undefined): string {
  if (ratio === null || ratio === undefined || ratio === '') return '—';
  try {
    return `${formatNumber(new Decimal(ratio).times(100).toString(), 1)} %`;
  } catch {
    return '—';
  }
}

/** "2021-09" → "2021年9月" (zh-CN) or "Sep 2021" (en). */
export function formatPeriod(period: string | null | undefined, language: 'zh-CN' | 'en' = 'zh-CN'): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period ?? '');
  if (!match) return period ?? '—';
  const [, year, month] = match;
  if (language === 'zh-CN') return `${year}年${Number(month)}月`;
  return new Date(Date.UTC(Number(year), Number(month) - 1, 15)).toLocaleString('en-US', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

const SHANGHAI_PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant as Asia/Shanghai wall time: "2021-09-30 23:59". */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(SHANGHAI_PARTS.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A value of unknown shape from a history entry (before/after), readable in one line. */
export function formatChangeValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
