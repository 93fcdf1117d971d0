import { nextPeriod } from '../rules';
import { Clock, OffsetClock, systemClock } from '../shared/clock';
import { AppConfig } from './app-config';

/**
 * The clock the running application uses: CLOCK_START when set; in demo mode on the embedded database,
 * the 8th of the month after the demo's last month (reports for that month not yet due); else real time.
 */
export function applicationClock(config: AppConfig, databaseKind: 'embedded' | 'postgres'): Clock {
  if (config.clockStart) return new OffsetClock(new Date(config.clockStart));
  if (config.demo && databaseKind === 'embedded') {
    return new OffsetClock(new Date(`${nextPeriod(config.demoUntilMonth)}-08T09:00:00+08:00`));
  }
  return systemClock;
}
