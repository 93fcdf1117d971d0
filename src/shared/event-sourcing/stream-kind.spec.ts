import { streamKind } from './stream-kind';

describe('streamKind', () => {
  const targets = streamKind('target');
  it('builds and parses its own stream ids only', () => {
    expect(targets.of('p.i.u')).toBe('target-p.i.u');
    expect(targets.keyOf('target-p.i.u')).toBe('p.i.u');
    expect(targets.owns('targets-x')).toBe(false);
    expect(targets.keyOf('warnings-p.i.u')).toBeUndefined();
  });
});
