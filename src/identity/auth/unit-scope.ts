import { DomainError } from '../../shared/problems/domain-error';
import {
  assertInUnitScope,
  isInUnitScope as isActingInUnitScope,
} from '../../shared/event-sourcing/write-authorization';
import { SessionUser } from './session-user';

/** True for the office, and for the reporter (`unit` role) of that very unit. */
export function isInUnitScope(user: SessionUser, unitCode: string): boolean {
  return isActingInUnitScope(user, unitCode);
}

/** Refuses (403) unless the user is the office or the unit's own reporter. */
export function assertUnitScope(user: SessionUser, unitCode: string): void {
  assertInUnitScope(user, unitCode);
}

const READS_EVERYTHING = ['office', 'leader', 'auditor', 'verifier'] as const;

/** A unit reporter with no role that reads every unit sees only its own unit's data. */
export function readsOwnUnitOnly(user: SessionUser): boolean {
  return (
    user.roles.includes('unit') && !user.roles.some((role) => (READS_EVERYTHING as readonly string[]).includes(role))
  );
}

/**
 * The unit filter a read must carry for this user: their own unit, or none. A reporter who asks for
 * another unit (`?unitCode=…`) is refused (403) rather than silently shown their own rows.
 */
export function readScope(user: SessionUser, requestedUnitCode?: string): { unitCode?: string } {
  if (!readsOwnUnitOnly(user)) return {};
  if (requestedUnitCode !== undefined) assertReadableUnit(user, requestedUnitCode);
  return { unitCode: user.unitCode ?? '' };
}

/** Refuses (403) a read of another unit's data by a user who reads only their own. */
export function assertReadableUnit(user: SessionUser, unitCode: string): void {
  if (readsOwnUnitOnly(user) && user.unitCode !== unitCode) {
    throw new DomainError(
      'forbidden',
      'outside-unit-scope',
      '只能查看本单位的数据 / You may only read your own unit’s data',
    );
  }
}
