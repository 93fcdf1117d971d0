import { TARGET_STREAMS, planTargetIdPrefix, targetCodesOf, targetIdOf } from './target-ids';

describe('target ids', () => {
  it('parses a target id back into the three codes it was built from', () => {
    expect(targetCodesOf(targetIdOf('JD2021', 'gdp-growth', 'anting'))).toEqual({
      planCode: 'JD2021',
      indicatorCode: 'gdp-growth',
      unitCode: 'anting',
    });
  });

  it('refuses an id that is not made of three codes', () => {
    expect(targetCodesOf('JD2021.gdp-growth')).toBeUndefined();
    expect(targetCodesOf('JD2021.gdp.growth.anting')).toBeUndefined();
  });

  it("prefixes a plan's target streams and no other plan's whose code starts the same", () => {
    const prefix = TARGET_STREAMS.of(planTargetIdPrefix('JD2021'));
    expect(TARGET_STREAMS.of(targetIdOf('JD2021', 'gdp', 'anting')).startsWith(prefix)).toBe(true);
    expect(TARGET_STREAMS.of(targetIdOf('JD20211', 'gdp', 'anting')).startsWith(prefix)).toBe(false);
  });
});
