import { filterUsers, needsUnit } from './roles';

const users = [
  { username: 'zhang.san', displayName: '张三', roles: ['unit'], disabled: false },
  { username: 'li.si', displayName: '李四', roles: ['office', 'auditor'], disabled: true },
  { username: 'Wang.Wu', displayName: '王五', roles: ['leader'] },
];

describe('the users list filter', () => {
  it('finds text in the username (case-insensitive) or the name', () => {
    expect(filterUsers(users, { text: 'wang' }).map((u) => u.username)).toEqual(['Wang.Wu']);
    expect(filterUsers(users, { text: '李' }).map((u) => u.username)).toEqual(['li.si']);
    expect(filterUsers(users, { text: '  ' })).toHaveLength(3);
  });

  it('keeps the users holding a role, and by state (no flag counts as enabled)', () => {
    expect(filterUsers(users, { role: 'auditor' }).map((u) => u.username)).toEqual(['li.si']);
    expect(filterUsers(users, { state: 'enabled' }).map((u) => u.username)).toEqual(['zhang.san', 'Wang.Wu']);
    expect(filterUsers(users, { state: 'disabled', role: 'unit' })).toEqual([]);
  });

  it('asks for a unit only for the roles that act for one', () => {
    expect(needsUnit(['unit'])).toBe(true);
    expect(needsUnit(['office', 'verifier'])).toBe(true);
    expect(needsUnit(['office', 'leader'])).toBe(false);
    expect(needsUnit(undefined)).toBe(false);
  });
});
