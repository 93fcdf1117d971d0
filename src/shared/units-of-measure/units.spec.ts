import { dec } from '../decimal';
import { IncompatibleUnitsError, UnknownUnitError } from './unit-of-measure';
import {
  areCompatible,
  convert,
  convertExactly,
  isAdditiveUnit,
  UnitDeclarationError,
  UNITS,
  type UnitDeclaration,
  findUnit,
  isKnownUnit,
  listDimensions,
  listUnits,
  normalizeUnitSymbol,
  parseUnit,
} from './units';

const conv = (value: string, from: string, to: string): string => convert(dec(value), from, to).toString();

describe('convert: money', () => {
  it('a unit target of 1,760,000 万元 equals 176 亿元', () => {
    expect(conv('1760000', '万元', '亿元')).toBe('176');
    expect(convert(dec('1760000'), '万元', '亿元').eq(dec('176'))).toBe(true);
  });

  it('亿元 ↔ 万元 ↔ 元', () => {
    expect(conv('760', '亿元', '万元')).toBe('7600000');
    expect(conv('1', '亿元', '元')).toBe('100000000');
    expect(conv('0.0238', '万元', '元')).toBe('238');
    expect(conv('1', '元', '万元')).toBe('0.0001');
  });

  it('亿美元 ↔ 万美元', () => {
    expect(conv('3.5', '亿美元', '万美元')).toBe('35000');
    expect(conv('12345', '万美元', '亿美元')).toBe('1.2345');
  });

  it('does not convert between currencies', () => {
    expect(areCompatible('万元', '万美元')).toBe(false);
    expect(() => convert(dec('1'), '万元', '万美元')).toThrow(IncompatibleUnitsError);
  });
});

describe('convert: area', () => {
  it('15 亩 = 1 公顷 exactly, and back', () => {
    expect(conv('15', '亩', '公顷')).toBe('1');
    expect(conv('1', '公顷', '亩')).toBe('15');
    expect(conv('30', '亩', '公顷')).toBe('2');
    expect(conv('1.5', '公顷', '亩')).toBe('22.5');
  });

  it('亩 ↔ 平方米 through the exact rational factor', () => {
    expect(conv('3', '亩', '平方米')).toBe('2000');
    expect(conv('2000', '平方米', '亩')).toBe('3');
    expect(conv('1', '万亩', '亩')).toBe('10000');
    expect(conv('1', '万亩', '公顷')).toBe('666.6666666666666666666666666666666666667');
  });

  it('公顷, 万平方米, 平方公里', () => {
    expect(conv('1', '公顷', '万平方米')).toBe('1');
    expect(conv('1', '平方公里', '公顷')).toBe('100');
    expect(conv('1', '平方公里', '亩')).toBe('1500');
    expect(conv('250', '万平方米', '平方公里')).toBe('2.5');
  });
});

describe('convert: other dimensions', () => {
  it('mass, daily capacity, length, power', () => {
    expect(conv('2.5', '万吨', '吨')).toBe('25000');
    expect(conv('500', '千克', '吨')).toBe('0.5');
    expect(conv('30', '万吨/日', '吨/日')).toBe('300000');
    expect(conv('12.3', '公里', '米')).toBe('12300');
    expect(conv('1', '万千瓦', '兆瓦')).toBe('10');
  });

  it('counts convert only to their own 万 multiple', () => {
    expect(conv('2', '万人', '人')).toBe('20000');
    expect(conv('40000', '户', '万户')).toBe('4');
    expect(areCompatible('户', '人')).toBe(false);
    expect(areCompatible('家', '个')).toBe(false);
  });

  it('%, ‰ and /10万 are one ratio dimension (不超过 5/10 万 under % keeps its number); 个百分点 is separate', () => {
    expect(conv('2.5', '%', '‰')).toBe('25');
    expect(conv('1', '‰', '%')).toBe('0.1');
    expect(conv('1', '/万', '/10万')).toBe('10');
    expect(conv('5', '1/10万', '%')).toBe('0.005');
    expect(areCompatible('%', '/10万')).toBe(true);
    expect(areCompatible('%', '个百分点')).toBe(false);
    expect(areCompatible('名', '分')).toBe(false);
  });

  it('returns the same value when the units are the same', () => {
    expect(conv('0.0238', '/10万', '/10万')).toBe('0.0238');
  });
});

describe('errors', () => {
  it('unknown unit error names the symbol', () => {
    expect(() => parseUnit('斤两')).toThrow(UnknownUnitError);
    expect(() => parseUnit('斤两')).toThrow('"斤两"');
    try {
      convert(dec('1'), '万元', 'furlong');
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(UnknownUnitError);
      expect((e as UnknownUnitError).symbol).toBe('furlong');
    }
  });

  it('incompatible units error names both', () => {
    try {
      convert(dec('1'), '亿元', '公顷');
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(IncompatibleUnitsError);
      const err = e as IncompatibleUnitsError;
      expect(err.message).toContain('"亿元"');
      expect(err.message).toContain('"公顷"');
      expect(err.from).toBe('亿元');
      expect(err.to).toBe('公顷');
    }
  });

  it('areCompatible throws on unknown units', () => {
    expect(() => areCompatible('万元', '???')).toThrow(UnknownUnitError);
  });
});

describe('parseUnit', () => {
  it('trims whitespace and accepts full-width and alias spellings', () => {
    expect(parseUnit(' 万元 ').symbol).toBe('万元');
    expect(parseUnit('％').symbol).toBe('%');
    expect(parseUnit('／１０万').symbol).toBe('/10万');
    expect(parseUnit('㎡').symbol).toBe('平方米');
    expect(parseUnit('km²').symbol).toBe('平方公里');
    expect(parseUnit('KM').symbol).toBe('公里');
    expect(parseUnit('百分点').symbol).toBe('个百分点');
    expect(parseUnit('吨/天').symbol).toBe('吨/日');
  });

  it('describes the unit with its dimension and exact factor', () => {
    const mu = parseUnit('亩');
    expect(mu.dimension).toBe('area');
    expect(mu.factor).toEqual({ numerator: '2000', denominator: '3' });
    expect(parseUnit('亿元').factor).toEqual({ numerator: '100000000', denominator: '1' });
  });

  it('findUnit and isKnownUnit do not throw', () => {
    expect(findUnit('nope')).toBeUndefined();
    expect(isKnownUnit('nope')).toBe(false);
    expect(isKnownUnit('标准箱')).toBe(true);
  });

  it('normalizeUnitSymbol folds width, whitespace and case', () => {
    expect(normalizeUnitSymbol(' Ｋｍ　')).toBe('km');
  });
});

describe('registry', () => {
  it('lists every unit once, each resolvable by its own symbol', () => {
    const units = listUnits();
    expect(new Set(units.map((unit) => unit.symbol)).size).toBe(units.length);
    for (const unit of units) expect(parseUnit(unit.symbol)).toBe(unit);
  });

  it('every dimension has a base unit of factor 1 and every factor is a positive integer ratio', () => {
    for (const dimension of listDimensions()) {
      expect(parseUnit(dimension.baseUnit).factor).toEqual({ numerator: '1', denominator: '1' });
    }
    for (const unit of listUnits()) {
      expect(unit.factor.numerator).toMatch(/^[1-9]\d*$/);
      expect(unit.factor.denominator).toMatch(/^[1-9]\d*$/);
    }
  });

  it('contains the units named in the domain glossary', () => {
    for (const symbol of [
      '亿元',
      '万元',
      '亿美元',
      '万美元',
      '%',
      '个',
      '户',
      '家',
      '公顷',
      '亩',
      '万平方米',
      '吨/日',
      '人',
    ]) {
      expect(isKnownUnit(symbol)).toBe(true);
    }
  });
});

describe('one registry for the domain and the plan files', () => {
  it('knows the units the plan files print', () => {
    for (const symbol of [
      '1/10万',
      '产',
      '条段',
      '家(次)',
      '家（次）',
      '幢',
      '万吨标准煤',
      '万吨标煤',
      '万m ²',
      '万m²',
      '微克/立方米',
      '份',
    ]) {
      expect(isKnownUnit(symbol)).toBe(true);
    }
    expect(parseUnit('幢').symbol).toBe('栋');
    expect(parseUnit('万m ²').symbol).toBe('万平方米');
    expect(areCompatible('家(次)', '家')).toBe(false);
  });

  it('says which units add up', () => {
    expect(isAdditiveUnit('亿元')).toBe(true);
    expect(isAdditiveUnit('个')).toBe(true);
    expect(isAdditiveUnit('吨/日')).toBe(true);
    for (const symbol of ['%', '1/10万', '微克/立方米', '分', '名', '个百分点'])
      expect(isAdditiveUnit(symbol)).toBe(false);
    expect(isAdditiveUnit('斤两')).toBe(false);
  });

  it('converts exactly and says when a result is rounded', () => {
    expect(convertExactly(dec('7600000'), '万元', '亿元')).toEqual({ value: dec('760'), exact: true });
    expect(convertExactly(dec('30'), '亩', '公顷').exact).toBe(true);
    expect(convertExactly(dec('1'), '亩', '公顷').exact).toBe(false);
    expect(convertExactly(dec('0.0001'), '亿元', '元').value.toString()).toBe('10000');
  });
});

describe('units a plan declares', () => {
  const registry = UNITS.extend([
    { symbol: '幢(个)', name: 'buildings counted as items', additive: true, equals: { factor: '1', unit: '个' } },
    { symbol: '人/亿元', name: 'persons per 100 million yuan', additive: false },
    { symbol: '千亩', name: 'thousand mu', additive: true, equals: { factor: '1000', unit: '亩' }, aliases: ['千畝'] },
  ]);

  it('a declared unit with an exact conversion joins that dimension', () => {
    expect(registry.convert(dec('3'), '幢（个）', '个').toString()).toBe('3');
    expect(registry.convert(dec('3'), '千亩', '公顷').toString()).toBe('200');
    expect(registry.isAdditive('千畝')).toBe(true);
  });

  it('a declared unit without a conversion is a dimension of its own', () => {
    expect(registry.isKnown('人/亿元')).toBe(true);
    expect(registry.isAdditive('人/亿元')).toBe(false);
    expect(registry.canConvert('人/亿元', '人')).toBe(false);
    expect(registry.listDimensions().some((d) => d.id === 'declared:人/亿元')).toBe(true);
  });

  it('leaves the built-in registry untouched', () => {
    expect(isKnownUnit('人/亿元')).toBe(false);
    expect(UNITS.isKnown('幢(个)')).toBe(false);
  });

  it('refuses declarations that do not fit, naming the field', () => {
    const fail = (d: UnitDeclaration) => {
      try {
        UNITS.extend([d]);
      } catch (e) {
        expect(e).toBeInstanceOf(UnitDeclarationError);
        return (e as UnitDeclarationError).field;
      }
      throw new Error('expected a refusal');
    };
    expect(fail({ symbol: '万元', name: 'x', additive: true })).toBe('symbol');
    expect(fail({ symbol: '斤', name: 'x', additive: true, equals: { factor: '0.5', unit: '公斤两' } })).toBe('equals');
    expect(fail({ symbol: '斤', name: 'x', additive: true, equals: { factor: '-1', unit: '千克' } })).toBe('equals');
    expect(fail({ symbol: '每千人', name: 'x', additive: true, equals: { factor: '1/10', unit: '%' } })).toBe(
      'additive',
    );
    expect(fail({ symbol: '斤', name: 'x', additive: true, aliases: ['吨'] })).toBe('aliases');
  });
});
