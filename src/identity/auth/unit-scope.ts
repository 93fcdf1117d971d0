import { DomainError } from '../../shared/problems/domain-error';
import { SessionUser } from './session-user';

/** True for the office, and for the reporter (`unit` role) of that very unit. */
export function isInUnitScope(user: SessionUser, unitCode: string): boolean {
  return user.roles.includes('office') || (user.roles.includes('unit') && user.unitCode === unitCode);
}

/** Refuses (403) unless the user is the office or the unit's own reporter. */
export function assertUnitScope(user: SessionUser, unitCode: string): void {
  if (!isInUnitScope(user, unitCode)) {
    throw new DomainError(
      'forbidden',
      'outside-unit-scope',
      `只能处理本单位（${user.unitCode ?? '无'}）的数据，不能处理 ${unitCode} / You may act only for your own unit, not ${unitCode}`,
    );
  }
}
