import { randomUUID } from 'node:crypto';
import { NewEvent } from '../../src/event-store/event-store.port';

export interface Measurement {
  name: string;
  count: number;
  seconds: number;
}

export const perSecond = (m: Measurement) => m.count / m.seconds;

/** Runs `writers` loops of `op` until `seconds` have passed; counts what `op` reports done. */
export async function measureFor(
  name: string,
  seconds: number,
  writers: number,
  op: (writer: number, iteration: number) => Promise<number>,
): Promise<Measurement> {
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  let count = 0;
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let i = 0; Date.now() < deadline; i++) {
        // Not `count += await op()`: that reads `count` before awaiting and loses the other writers' counts.
        const done = await op(writer, i);
        count += done;
      }
    }),
  );
  return { name, count, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function measureOnce(name: string, run: () => Promise<number>): Promise<Measurement> {
  const started = process.hrtime.bigint();
  const count = await run();
  return { name, count, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** A realistic small event: a monthly progress report. */
export function benchEvent(i: number): NewEvent {
  return {
    id: randomUUID(),
    type: 'ProgressReported',
    schemaVersion: 1,
    data: { period: '2021-03', value: String(1000 + i), unitOfMeasure: '万元', narrative: '按序时推进' },
    metadata: {
      actor: { id: 'bench', username: 'bench', displayName: '基准测试' },
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      recordedAt: new Date().toISOString(),
    },
  };
}

export function printTable(rows: Array<{ name: string; rate: number; baseline?: number; goal?: string }>): void {
  const line = (cells: string[]) =>
    console.log(cells.map((c, i) => (i === 0 ? c.padEnd(58) : c.padStart(14))).join(''));
  line(['measurement', 'per second', 'baseline/s', 'ratio', 'goal']);
  for (const row of rows) {
    line([
      row.name,
      row.rate.toFixed(0),
      row.baseline !== undefined ? row.baseline.toFixed(0) : '',
      row.baseline !== undefined ? `${(row.rate / row.baseline).toFixed(2)}×` : '',
      row.goal ?? '',
    ]);
  }
}
