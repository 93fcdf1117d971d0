import { v5 as uuidv5 } from 'uuid';
import { nameBasedIds } from './name-based-id';

describe('nameBasedIds', () => {
  const namespace = '6d1c0f4e-2a8b-4f37-9c5e-8b7a6d5c4e3f';
  const id = nameBasedIds(namespace);

  it('makes the ids uuid v5 makes (notifications written before keep theirs on a replay)', () => {
    const names = [
      '',
      '0193a1b2-0000-7000-8000-000000000000/warning_raised/bench-2021.I01.b01.w1/user/u-1',
      '3f0e/urging/7a1c/channel/00000000-0000-0000-0000-000000000001',
      '嘉定区/马陆镇/2021-03/reminder/3',
      'x'.repeat(5000),
    ];
    for (const name of names) expect(id(name)).toBe(uuidv5(name, namespace));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => nameBasedIds('not-a-uuid')).toThrow(TypeError);
  });
});
