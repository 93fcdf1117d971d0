import type { Role } from '../../identity/domain/roles';
import type { UnitDef } from '../plan-file';

/** The one password of every demo user (seeds/README.md lists them). Demo mode only. */
export const DEMO_PASSWORD = 'demo-password-2021';

/** Unit kinds that get a reporter of their own (镇、街道、园区). Other units' reports are entered by the office. */
export const REPORTER_UNIT_KINDS: ReadonlyArray<UnitDef['kind']> = ['town', 'subdistrict', 'zone'];

/** The statistics bureau (区统计局) verifies the statistical indicators, when the demo plans have it. */
export const STATISTICS_UNIT = 'statistics';

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  unitCode?: string;
}

/** One user per role, and one reporter per town, sub-district and zone of the demo plans. */
export function demoUsers(units: ReadonlyArray<Pick<UnitDef, 'code' | 'name' | 'kind'>>): DemoUser[] {
  const users: DemoUser[] = [
    { username: 'demo-office', displayName: '督查室（演示）/ Supervision office (demo)', roles: ['office'] },
    { username: 'demo-leader', displayName: '区领导（演示）/ Leader (demo)', roles: ['leader'] },
    { username: 'demo-auditor', displayName: '审计（演示）/ Auditor (demo)', roles: ['auditor'] },
  ];
  const statistics = units.find((u) => u.code === STATISTICS_UNIT);
  if (statistics) {
    users.push({
      username: 'demo-verifier',
      displayName: `${statistics.name}（演示）/ Verifier (demo)`,
      roles: ['verifier'],
      unitCode: statistics.code,
    });
  }
  for (const unit of units
    .filter((u) => REPORTER_UNIT_KINDS.includes(u.kind))
    .sort((a, b) => a.code.localeCompare(b.code))) {
    users.push({
      username: `demo-${unit.code}`,
      displayName: `${unit.name}填报员（演示）/ Reporter (demo)`,
      roles: ['unit'],
      unitCode: unit.code,
    });
  }
  return users;
}
