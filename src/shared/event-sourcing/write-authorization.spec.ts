import { checkAuthorization, unitScopeOf } from './write-authorization';

describe('write authorization as data', () => {
  const check = (roles: string[], unitCode: string | undefined, stateUnit: string | undefined) => () =>
    checkAuthorization(
      {
        authorization: unitScopeOf({ username: 'u', roles, ...(unitCode ? { unitCode } : {}) }),
        unitOf: (s: { unit?: string }) => s.unit,
      },
      { unit: stateUnit },
    );

  it('lets the office and the unit’s own reporter write, and refuses another unit with a 403', () => {
    expect(check(['office'], undefined, 'JX-01')).not.toThrow();
    expect(check(['unit'], 'JX-01', 'JX-01')).not.toThrow();
    expect(check(['unit'], 'JX-02', 'JX-01')).toThrow(
      expect.objectContaining({ kind: 'forbidden', code: 'outside-unit-scope' }),
    );
    expect(check(['leader'], undefined, 'JX-01')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
  });

  it('has nothing to check while the stream is empty', () => {
    expect(check(['unit'], 'JX-02', undefined)).not.toThrow();
  });
});
