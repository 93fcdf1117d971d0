import { auditApiQuery, dataLines, readAuditFilters, targetOf, unitOf } from './audit-entries';

const entry = (streamId: string, data: unknown = {}) => ({
  position: streamId,
  eventId: '',
  streamId,
  revision: '0',
  type: 'T',
  recordedAt: '',
  data,
});

describe('audit entries', () => {
  it('turns a day range into the Asia/Shanghai instants of its first and last moment; bad days are ignored', () => {
    const filters = readAuditFilters(
      new URLSearchParams('actor=%20clerk%20&from=2021-05-01&to=2021-05-31&type=TargetAdjusted&unitCode=anting'),
    );
    expect(auditApiQuery(filters)).toEqual({
      actor: 'clerk',
      type: 'TargetAdjusted',
      unitCode: 'anting',
      from: '2021-05-01T00:00:00+08:00',
      to: '2021-05-31T23:59:59.999+08:00',
    });
    expect(readAuditFilters(new URLSearchParams('from=May')).from).toBeUndefined();
    // As of a moment: the trail up to then, or the range's end when that is earlier.
    expect(auditApiQuery({}, '2021-06-30T15:59:59.000Z').to).toBe('2021-06-30T15:59:59.000Z');
    expect(auditApiQuery({ to: '2021-05-31' }, '2021-06-30T15:59:59.000Z').to).toBe('2021-05-31T23:59:59.999+08:00');
    expect(auditApiQuery({}, '12345').to).toBeUndefined();
  });

  it('finds the target and the unit of an entry', () => {
    expect(targetOf(entry('target-p.I01.anting'))).toBe('p.I01.anting');
    expect(targetOf(entry('warnings-p.I01.anting'))).toBe('p.I01.anting');
    expect(targetOf(entry('user-42'))).toBeUndefined();
    expect(unitOf(entry('warnings-p.I01.anting'))).toBe('anting');
    expect(unitOf(entry('user-42', { unitCode: 'nanxiang' }))).toBe('nanxiang');
    expect(unitOf(entry('unit-anting', { code: 'anting' }))).toBe('anting');
    expect(unitOf(entry('plan-p', { code: 'p' }))).toBeUndefined();
  });

  it('lists an event’s fields', () => {
    expect(dataLines({ assessment: { total: '90' }, tags: ['a'], none: undefined })).toEqual([
      'assessment.total: 90',
      'tags: ["a"]',
    ]);
  });
});
