import { ClampLog } from './clamp-log';
import { clampTimes } from './recorded-time';
import { NewEvent } from './event-store.port';

const at = (recordedAt: string): NewEvent => ({
  id: recordedAt,
  type: 'T',
  data: {},
  schemaVersion: 1,
  metadata: {
    actor: { id: 'u', username: 'u', displayName: 'u' },
    commandId: 'c',
    correlationId: 'c',
    causationId: 'c',
    recordedAt,
  },
});

describe('clamp log', () => {
  afterEach(() => jest.useRealTimers());

  it('logs the first clamp at once and the rest of the minute as one summary with their counts', () => {
    jest.useFakeTimers();
    const lines: string[] = [];
    const log = new ClampLog((line) => lines.push(line), 60_000);
    log.report('target-a', { events: 2, from: '2021-03-01T00:00:00.000Z', to: '2021-03-05T00:00:00.000Z' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('已调整');
    expect(lines[0]).toContain('target-a');
    expect(lines[0]).toContain('2021-03-01T00:00:00.000Z');
    expect(lines[0]).toContain('recorded at 2021-03-05T00:00:00.000Z (2 events of this append)');

    for (let i = 0; i < 500; i++)
      log.report(`target-${i % 7}`, { events: 1, from: '2021-03-02T00:00:00.000Z', to: '2021-03-06T00:00:00.000Z' });
    log.report('target-z', { events: 3, from: '2021-02-01T00:00:00.000Z', to: '2021-03-07T00:00:00.000Z' });
    expect(lines).toHaveLength(1);

    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('另有 503 个事件（501 次追加，8 个流）');
    expect(lines[1]).toContain('503 more events in 501 appends to 8 streams in the last 60 s');
    expect(lines[1]).toContain('given from 2021-02-01T00:00:00.000Z, recorded at up to 2021-03-07T00:00:00.000Z');

    // A new window: the next clamp is told at once again.
    log.report('target-b', { events: 1, from: '2021-03-03T00:00:00.000Z', to: '2021-03-08T00:00:00.000Z' });
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('target-b');
  });

  it('writes no summary when nothing followed the first line, and flushes what was counted on demand', () => {
    jest.useFakeTimers();
    const lines: string[] = [];
    const log = new ClampLog((line) => lines.push(line), 60_000);
    log.report('s', { events: 1, from: '2021-03-01T00:00:00.000Z', to: '2021-03-02T00:00:00.000Z' });
    jest.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(1);

    log.report('s', { events: 1, from: '2021-03-01T00:00:00.000Z', to: '2021-03-02T00:00:00.000Z' });
    log.report('s', { events: 4, from: '2021-03-01T00:00:00.000Z', to: '2021-03-02T00:00:00.000Z' });
    log.flush();
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain('4 more events in 1 appends to 1 streams');
    log.flush();
    jest.advanceTimersByTime(120_000);
    expect(lines).toHaveLength(3);
  });
});

describe('clampTimes', () => {
  it('moves every event earlier than the floor or an earlier event of the append, and counts them', () => {
    const { events, clamped } = clampTimes(
      [at('2021-03-01T00:00:00.000Z'), at('2021-03-09T00:00:00.000Z'), at('2021-03-08T00:00:00.000Z')],
      '2021-03-05T00:00:00.000Z',
    );
    expect(events.map((e) => e.metadata.recordedAt)).toEqual([
      '2021-03-05T00:00:00.000Z',
      '2021-03-09T00:00:00.000Z',
      '2021-03-09T00:00:00.000Z',
    ]);
    expect(clamped).toEqual({ events: 2, from: '2021-03-01T00:00:00.000Z', to: '2021-03-05T00:00:00.000Z' });
  });

  it('leaves times in order alone', () => {
    const given = [at('2021-03-05T00:00:00.000Z'), at('2021-03-06T00:00:00.000Z')];
    expect(clampTimes(given, '2021-03-05T00:00:00.000Z')).toEqual({ events: given });
  });
});
