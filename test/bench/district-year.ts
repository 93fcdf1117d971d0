import { v5 as uuidv5 } from 'uuid';
import { seededRandom } from '../../src/seeding/demo/prng';
import { NewEvent } from '../../src/event-store/event-store.port';
import { targetDecider } from '../../src/targets/domain/target.decider';
import { IndicatorSnapshot, TargetCommand, TargetEvent, TargetState } from '../../src/targets/domain/target.types';

const NAMESPACE = '9b0f6f1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b';

export interface GeneratedStream {
  streamId: string;
  events: NewEvent[];
}

/**
 * A district-year through the real target decider: `units` × `indicators` targets, 12 monthly
 * reports each, 10% of reports corrected, 5% of targets adjusted — as the benchmark brief asks.
 */
export function* districtYear(planCode: string, units = 50, indicators = 100, seed = 1): Generator<GeneratedStream> {
  const random = seededRandom(`bench/${planCode}/${seed}`).next;
  yield {
    streamId: `plan-${planCode}`,
    events: [
      newEvent(
        `${planCode}/plan`,
        'PlanCreated',
        { code: planCode, year: 2021, title: `基准测试 ${planCode}` },
        '2021-01-05T01:00:00Z',
      ),
    ],
  };
  for (let i = 1; i <= indicators; i++) {
    const indicator: IndicatorSnapshot = {
      planCode,
      planYear: 2021,
      code: `I${i}`,
      name: `指标${i}`,
      category: ['经济发展', '城市建设', '社会民生', '生态环境'][i % 4],
      kind: 'cumulative',
      unitOfMeasure: '万元',
      decomposition: 'decomposed',
    };
    for (let u = 1; u <= units; u++) {
      const targetId = `${planCode}.I${i}.u${u}`;
      const total = 1000 + Math.floor(random() * 100000);
      const commands: Array<{ command: TargetCommand; at: string; reason?: string }> = [
        {
          command: {
            type: 'AssignTarget',
            targetId,
            indicator,
            unitCode: `u${u}`,
            assessment: { total: String(total) },
          },
          at: '2021-01-10T02:00:00Z',
        },
      ];
      const factor = 0.75 + random() * 0.4;
      for (let month = 1; month <= 12; month++) {
        const period = `2021-${String(month).padStart(2, '0')}`;
        const reportedAt = new Date(Date.UTC(2021, month, 5, 2)).toISOString();
        const value = String(Math.round((total * month * factor) / 12));
        commands.push({
          command: {
            type: 'ReportProgress',
            period,
            report: { value, narrative: '按序时推进' },
            reportedAt: new Date(reportedAt),
          },
          at: reportedAt,
        });
        if (random() < 0.1) {
          commands.push({
            command: {
              type: 'CorrectProgress',
              period,
              correction: { value: String(Number(value) + 17) },
              reason: '统计口径更正',
            },
            at: new Date(Date.UTC(2021, month, 8, 2)).toISOString(),
          });
        }
        if (month === 6 && random() < 0.05) {
          commands.push({
            command: {
              type: 'AdjustTarget',
              assessment: { total: String(Math.round(total * 0.95)) },
              reason: '年中调整',
              approvalDocument: '嘉府办〔2021〕15号',
            },
            at: '2021-07-15T02:00:00Z',
          });
        }
      }
      yield { streamId: `target-${targetId}`, events: decideAll(targetId, commands) };
    }
  }
}

function decideAll(targetId: string, commands: Array<{ command: TargetCommand; at: string }>): NewEvent[] {
  let state: TargetState = targetDecider.initialState;
  const events: NewEvent[] = [];
  commands.forEach(({ command, at }, n) => {
    for (const event of targetDecider.decide(command, state)) {
      state = targetDecider.evolve(state, event as TargetEvent);
      events.push(newEvent(`${targetId}/${n}`, event.type, event.data, at));
    }
  });
  return events;
}

function newEvent(key: string, type: string, data: unknown, recordedAt: string): NewEvent {
  const id = uuidv5(key, NAMESPACE);
  return {
    id,
    type,
    data,
    schemaVersion: 1,
    metadata: {
      actor: { id: 'bench', username: 'bench', displayName: '基准测试' },
      commandId: id,
      correlationId: id,
      causationId: id,
      recordedAt,
    },
  };
}
