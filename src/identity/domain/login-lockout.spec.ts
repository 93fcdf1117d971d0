import {
  DEFAULT_LOCKOUT_POLICY,
  FailureRecord,
  GUARD_POLICIES,
  admits,
  afterAttempt,
  afterFailure,
  guardsFor,
  lockIfDue,
  lockedUntil,
} from './login-lockout';

const T0 = new Date('2021-03-10T08:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function failTimes(times: number, minute = 0, from?: FailureRecord): FailureRecord | undefined {
  let record = from;
  for (let i = 0; i < times; i++) record = afterFailure(record, at(minute), DEFAULT_LOCKOUT_POLICY);
  return record;
}

describe('login lockout', () => {
  it('does not lock after four failures', () => {
    const record = failTimes(4);
    expect(record?.failures).toBe(4);
    expect(lockedUntil(record, at(0))).toBeNull();
  });

  it('locks for 15 minutes at the fifth consecutive failure', () => {
    const record = failTimes(5);
    expect(lockedUntil(record, at(0))).toEqual(at(15));
    expect(lockedUntil(record, at(14.99))).toEqual(at(15));
    expect(lockedUntil(record, at(15))).toBeNull();
  });

  it('starts counting afresh once the lock has expired', () => {
    const record = afterFailure(failTimes(5), at(15), DEFAULT_LOCKOUT_POLICY);
    expect(record.failures).toBe(1);
    expect(record.lockedUntil).toBeNull();
  });

  it('forgets failures older than the window', () => {
    const record = afterFailure(failTimes(4), at(20), DEFAULT_LOCKOUT_POLICY);
    expect(record.failures).toBe(1);
  });

  it('has nothing to say about a username without failures', () => {
    expect(lockedUntil(undefined, at(0))).toBeNull();
  });
});

describe('login guards', () => {
  const policy = GUARD_POLICIES.pair;
  const failFive = (minute: number, from?: FailureRecord) => {
    let record = from;
    for (let i = 0; i < 5; i++) record = lockIfDue(afterAttempt(record, at(minute), policy), at(minute), policy);
    return record!;
  };

  it('doubles the lock each time the failures go on after it expired, up to a day', () => {
    const first = failFive(0);
    expect(first.lockedUntil).toEqual(at(15));
    const second = failFive(15, first);
    expect(second.lockedUntil).toEqual(at(15 + 30));
    const third = failFive(45, second);
    expect(third.lockedUntil).toEqual(at(45 + 60));
  });

  it('counts attempts under way: the sixth concurrent attempt is refused before any password is checked', () => {
    let record: FailureRecord | undefined;
    for (let i = 0; i < 5; i++) {
      expect(admits(record, at(0), policy)).toBe(true);
      record = afterAttempt(record, at(0), policy);
    }
    expect(admits(record, at(0), policy)).toBe(false);
  });

  it('guards the username per address, the username, and the address', () => {
    expect(guardsFor('admin', '10.0.0.1').map((g) => g.key)).toEqual([
      'pair:admin|10.0.0.1',
      'account:admin',
      'address:10.0.0.1',
    ]);
  });
});
