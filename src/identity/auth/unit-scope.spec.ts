import { DomainError } from '../../shared/problems/domain-error';
import { SessionUser } from './session-user';
import { assertUnitScope, isInUnitScope, assertReadableUnit, readScope } from './unit-scope';

const user = (roles: SessionUser['roles'], unitCode?: string): SessionUser => ({
  id: 'u',
  username: 'u',
  displayName: 'U',
  roles,
  ...(unitCode ? { unitCode } : {}),
});

describe('unit scope', () => {
  it.each([
    ['office', user(['office']), true],
    ['the unit\u2019s own reporter', user(['unit'], 'JX-01'), true],
    ['another unit\u2019s reporter', user(['unit'], 'JX-02'), false],
    ['the unit\u2019s verifier', user(['verifier'], 'JX-01'), false],
    ['a leader', user(['leader']), false],
    ['an auditor', user(['auditor']), false],
  ])('%s → %s', (_name, who, allowed) => {
    expect(isInUnitScope(who, 'JX-01')).toBe(allowed);
    if (allowed) expect(() => assertUnitScope(who, 'JX-01')).not.toThrow();
    else
      expect(() => assertUnitScope(who, 'JX-01')).toThrow(
        expect.objectContaining({ kind: 'forbidden', code: 'outside-unit-scope' }) as DomainError,
      );
  });
});

describe('read scope', () => {
  it('limits a unit reporter to its own unit and no one else', () => {
    expect(readScope(user(['unit'], 'anting'))).toEqual({ unitCode: 'anting' });
    expect(readScope(user(['unit', 'leader'], 'anting'))).toEqual({});
    expect(readScope(user(['verifier'], 'statistics'))).toEqual({});
    expect(() => assertReadableUnit(user(['unit'], 'anting'), 'jiangqiao')).toThrow(/own unit/);
    expect(() => assertReadableUnit(user(['auditor']), 'jiangqiao')).not.toThrow();
  });
});
