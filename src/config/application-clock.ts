import { nextPeriod } from '../rules';
import { Clock, OffsetClock, systemClock } from '../shared/clock';
import { AppConfig } from './app-config';

/**
 * The clock the running application uses: CLOCK_START when set; in demo mode on the embedded database,
 * the 8th of the month after the demo's last month (reports for that month not yet due); else real time.
 * A simulated clock resumes from the log's last recorded time when that is later than its start, so a
 * restart never records events before earlier ones (`lastRecordedAt`: EventStore.lastRecordedAt()).
 */
export function applicationClock(
  config: AppConfig,
  databaseKind: 'embedded' | 'postgres',
  lastRecordedAt?: string,
): Clock {
  const start = simulatedStart(config, databaseKind);
  if (!start) return systemClock;
  const last = lastRecordedAt ? new Date(lastRecordedAt) : undefined;
  return new OffsetClock(last && last > start ? last : start);
}

function simulatedStart(config: AppConfig, databaseKind: 'embedded' | 'postgres'): Date | undefined {
  if (config.clockStart) return new Date(config.clockStart);
  if (config.demo && databaseKind === 'embedded')
    return new Date(`${nextPeriod(config.demoUntilMonth)}-08T09:00:00+08:00`);
  return undefined;
}
