import { DomainError } from '../problems/domain-error';

/** Who acts, as far as a write's authorization needs to know: their roles and their one unit. */
export interface ActingUser {
  username: string;
  roles: readonly string[];
  unitCode?: string;
}

/**
 * Authorization as data (授权规则) carried by a command and checked by its handler against the state it
 * loads: `unit-scope` lets the office, or the reporter (`unit` role) of the stream's own unit, write.
 */
export interface UnitScopeRule {
  rule: 'unit-scope';
  acting: ActingUser;
}

export type WriteAuthorization = UnitScopeRule;

export const unitScopeOf = (acting: ActingUser): UnitScopeRule => ({
  rule: 'unit-scope',
  acting: {
    username: acting.username,
    roles: [...acting.roles],
    ...(acting.unitCode ? { unitCode: acting.unitCode } : {}),
  },
});

/** True for the office, and for the reporter (`unit` role) of that very unit. */
export function isInUnitScope(acting: ActingUser, unitCode: string): boolean {
  return acting.roles.includes('office') || (acting.roles.includes('unit') && acting.unitCode === unitCode);
}

/** Refuses (403) unless the acting user is the office or the unit's own reporter. */
export function assertInUnitScope(acting: ActingUser, unitCode: string): void {
  if (!isInUnitScope(acting, unitCode)) {
    throw new DomainError(
      'forbidden',
      'outside-unit-scope',
      `只能处理本单位（${acting.unitCode ?? '无'}）的数据，不能处理 ${unitCode} / You may act only for your own unit, not ${unitCode}`,
    );
  }
}

/**
 * How a handler checks a command's authorization against its decider's typed state: which unit the
 * state belongs to (undefined while the stream is empty: nothing to be outside of yet).
 */
export interface AuthorizationCheck<State> {
  authorization: WriteAuthorization;
  unitOf(state: State): string | undefined;
}

export function checkAuthorization<State>(check: AuthorizationCheck<State>, state: State): void {
  const unitCode = check.unitOf(state);
  if (unitCode === undefined) return;
  switch (check.authorization.rule) {
    case 'unit-scope':
      return assertInUnitScope(check.authorization.acting, unitCode);
  }
}
