import { canConvertUnits, convertUnits, isAdditiveUnit, isSameUnitOfMeasure } from './units-of-measure';

describe('plan-file units of measure (exact conversions)', () => {
  it('converts money between 万 and 亿 exactly', () => {
    expect(convertUnits('7600000', '万元', '亿元')).toEqual({ value: '760', exact: true });
    expect(convertUnits('6.5', '亿美元', '万美元')).toEqual({ value: '65000', exact: true });
    expect(convertUnits('0.0001', '亿元', '元')).toEqual({ value: '10000', exact: true });
  });

  it('1 公顷 = 15 亩, and 万m² is 万平方米', () => {
    expect(convertUnits('1', '公顷', '亩')).toEqual({ value: '15', exact: true });
    expect(convertUnits('30', '亩', '公顷')).toEqual({ value: '2', exact: true });
    expect(convertUnits('1', '亩', '公顷').exact).toBe(false);
    expect(isSameUnitOfMeasure('万m ²', '万平方米')).toBe(true);
    expect(convertUnits('1', '万m²', '平方米')).toEqual({ value: '10000', exact: true });
  });

  it('ratios: % and 1/10万', () => {
    expect(convertUnits('5', '1/10万', '%')).toEqual({ value: '0.005', exact: true });
    expect(isAdditiveUnit('%')).toBe(false);
    expect(isAdditiveUnit('亿元')).toBe(true);
  });

  it('refuses conversions across dimensions', () => {
    expect(canConvertUnits('个', '户')).toBe(false);
    expect(canConvertUnits('万户', '户')).toBe(true);
    expect(() => convertUnits('1', '亿元', '亿美元')).toThrow('Units cannot be converted');
    expect(() => convertUnits('1', '斤', '吨')).toThrow("Unknown unit of measure '斤'");
  });
});
