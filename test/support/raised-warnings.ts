import { v7 as uuidv7 } from 'uuid';
import { NewEvent } from '../../src/event-store/event-store.port';

const WARNING_ENGINE = { id: 'warning-engine', username: 'system:warnings', displayName: '预警引擎' };

/**
 * `count` red WarningRaised events on targets `<plan>.I<i>.<unit>`, as the warnings reactor appends them:
 * for tests that feed the notification dispatcher a burst without running the reactor.
 */
export function raisedWarnings(planCode: string, unitCode: string, count: number): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: uuidv7(),
    type: 'WarningRaised',
    schemaVersion: 1,
    data: {
      targetId: `${planCode}.I${i}.${unitCode}`,
      planCode,
      indicatorCode: `I${i}`,
      unitCode,
      warningId: `${planCode}.I${i}.${unitCode}.w1`,
      kind: 'status',
      level: 'red',
      period: '2021-03',
      reason: `第 ${i} 号`,
      ruleValues: {},
    },
    metadata: {
      actor: WARNING_ENGINE,
      commandId: uuidv7(),
      correlationId: uuidv7(),
      causationId: uuidv7(),
      recordedAt: new Date().toISOString(),
    },
  }));
}
