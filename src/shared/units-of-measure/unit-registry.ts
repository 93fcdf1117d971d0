import type { Dimension, UnitOfMeasure } from './unit-of-measure';

interface UnitSpec {
  symbol: string;
  name: string;
  /** "10000" or "2000/3" base units */
  factor: string;
  aliases?: string[];
}

interface DimensionSpec {
  id: string;
  name: string;
  units: UnitSpec[];
  /** default true: figures add up across units */
  additive?: boolean;
}

const u = (symbol: string, name: string, factor: string, aliases: string[] = []): UnitSpec => ({
  symbol,
  name,
  factor,
  aliases,
});

/**
 * Counted things are kept apart (户 does not convert to 人 or 家): adding households to persons is
 * a data error that should surface as IncompatibleUnitsError, not a silent 1:1 conversion.
 */
const COUNT_NOUNS: ReadonlyArray<[noun: string, name: string, aliases?: string[]]> = [
  ['个', 'items (generic)'],
  ['户', 'households / registered entities'],
  ['家', 'enterprises / institutions'],
  ['人', 'persons'],
  ['人次', 'person-times'],
  ['件', 'cases / pieces'],
  ['项', 'projects / items'],
  ['次', 'times / occurrences'],
  ['所', 'schools / institutions'],
  ['套', 'sets / dwellings'],
  ['辆', 'vehicles'],
  ['座', 'structures'],
  ['张', 'sheets / beds'],
  ['条', 'lines / routes'],
  ['台', 'machines'],
  ['处', 'sites'],
  ['间', 'rooms'],
  ['栋', 'buildings', ['幢']],
  ['块', 'plots'],
  ['只', 'animals / pieces'],
  ['头', 'livestock'],
  ['株', 'trees / plants'],
  ['艘', 'vessels'],
  ['架', 'aircraft'],
  ['批', 'batches'],
  ['场', 'events'],
  ['期', 'sessions / issues'],
  ['份', 'copies / documents'],
  ['产', 'properties (征收 cases)'],
  ['条段', 'river sections'],
  // 家(次): enterprises counted once per recognition, so one enterprise may count twice (科技小巨人)
  ['家(次)', 'enterprise-times'],
];

const countDimensions: DimensionSpec[] = COUNT_NOUNS.map(([noun, name, aliases = []]) => ({
  id: `count:${noun}`,
  name: `count of ${name}`,
  units: [u(noun, name, '1', aliases), u(`万${noun}`, `10 thousand ${name}`, '10000')],
}));

const DIMENSIONS: DimensionSpec[] = [
  {
    id: 'money_cny',
    name: 'money (CNY)',
    units: [
      u('元', 'yuan', '1', ['人民币元', 'CNY', 'RMB']),
      u('千元', 'thousand yuan', '1000'),
      u('万元', '10 thousand yuan', '10000'),
      u('百万元', 'million yuan', '1000000'),
      u('亿元', '100 million yuan', '100000000'),
    ],
  },
  {
    id: 'money_usd',
    name: 'money (USD)',
    units: [
      u('美元', 'US dollar', '1', ['USD', '$']),
      u('千美元', 'thousand US dollars', '1000'),
      u('万美元', '10 thousand US dollars', '10000'),
      u('百万美元', 'million US dollars', '1000000'),
      u('亿美元', '100 million US dollars', '100000000'),
    ],
  },
  {
    id: 'area',
    name: 'area',
    units: [
      // NFKC turns ㎡ and m² into "m2" before lookup.
      u('平方米', 'square metre', '1', ['m2', '平米']),
      u('万平方米', '10 thousand square metres', '10000', ['万m2', '万平米']),
      u('公顷', 'hectare', '10000', ['hm2', 'ha']),
      u('亩', 'mu (1/15 hectare)', '2000/3'),
      u('万亩', '10 thousand mu', '20000000/3'),
      u('平方公里', 'square kilometre', '1000000', ['平方千米', 'km2']),
    ],
  },
  {
    id: 'length',
    name: 'length',
    units: [u('米', 'metre', '1', ['m']), u('公里', 'kilometre', '1000', ['千米', 'km'])],
  },
  {
    id: 'mass',
    name: 'mass',
    units: [
      u('千克', 'kilogram', '1/1000', ['公斤', 'kg']),
      u('吨', 'tonne', '1', ['t']),
      u('万吨', '10 thousand tonnes', '10000'),
      u('亿吨', '100 million tonnes', '100000000'),
    ],
  },
  {
    id: 'mass_per_day',
    name: 'capacity (mass per day)',
    units: [
      u('吨/日', 'tonnes per day', '1', ['吨/天', 't/d']),
      u('万吨/日', '10 thousand tonnes per day', '10000', ['万吨/天']),
    ],
  },
  {
    id: 'volume',
    name: 'volume',
    units: [
      u('立方米', 'cubic metre', '1', ['m3', '方']),
      u('万立方米', '10 thousand cubic metres', '10000', ['万方', '万m3']),
      u('亿立方米', '100 million cubic metres', '100000000', ['亿方', '亿m3']),
    ],
  },
  {
    id: 'volume_per_day',
    name: 'capacity (volume per day)',
    units: [
      u('立方米/日', 'cubic metres per day', '1', ['立方米/天', 'm3/d']),
      u('万立方米/日', '10 thousand cubic metres per day', '10000', ['万立方米/天', '万m3/d']),
    ],
  },
  {
    id: 'power',
    name: 'power',
    units: [
      u('千瓦', 'kilowatt', '1', ['kw']),
      u('兆瓦', 'megawatt', '1000', ['mw']),
      u('万千瓦', '10 thousand kilowatts', '10000'),
    ],
  },
  {
    id: 'energy',
    name: 'electric energy',
    units: [
      u('千瓦时', 'kilowatt-hour', '1', ['度', 'kwh']),
      u('万千瓦时', '10 thousand kilowatt-hours', '10000', ['万度', '万kwh']),
      u('亿千瓦时', '100 million kilowatt-hours', '100000000', ['亿度', '亿kwh']),
    ],
  },
  {
    id: 'standard_coal',
    name: 'energy consumption (standard coal)',
    units: [
      u('吨标准煤', 'tonnes of standard coal', '1', ['吨标煤', 'tce']),
      u('万吨标准煤', '10 thousand tonnes of standard coal', '10000', ['万吨标煤']),
    ],
  },
  {
    id: 'containers',
    name: 'containers (TEU)',
    units: [
      u('标准箱', 'twenty-foot equivalent unit', '1', ['teu']),
      u('万标准箱', '10 thousand TEU', '10000', ['万teu']),
    ],
  },
  {
    id: 'duration',
    name: 'duration',
    units: [u('小时', 'hour', '1', ['h']), u('天', 'day', '24', ['日'])],
  },
  { id: 'working_days', name: 'working days', units: [u('工作日', 'working day', '1', ['个工作日'])] },
  {
    // Every dimensionless ratio: 5/10万 (事故死亡率 不超过 5/10 万) is 0.005 %, so a cap printed per 10万
    // under an indicator in % keeps its number. Ratios do not add up across units.
    id: 'percent',
    name: 'percentage / ratio',
    additive: false,
    units: [
      u('%', 'percent', '1', ['百分比']),
      u('‰', 'per mille', '1/10'),
      u('/万', 'per 10 thousand', '1/100', ['/1万', '每万', '1/万']),
      u('/10万', 'per 100 thousand', '1/1000', ['/十万', '每10万', '每十万', '1/10万']),
      u('/百万', 'per million', '1/10000', ['/100万', '每百万', '1/百万']),
    ],
  },
  {
    // Air quality (PM2.5 年均浓度) is a level, never summed.
    id: 'concentration',
    name: 'mass concentration',
    additive: false,
    units: [
      u('微克/立方米', 'micrograms per cubic metre', '1', ['μg/m³', 'μg/m3', 'ug/m3']),
      u('毫克/立方米', 'milligrams per cubic metre', '1000', ['mg/m³', 'mg/m3']),
    ],
  },
  {
    id: 'percentage_point',
    name: 'percentage points',
    additive: false,
    units: [u('个百分点', 'percentage point', '1', ['百分点', 'pp'])],
  },
  { id: 'multiple', name: 'multiple', additive: false, units: [u('倍', 'times', '1')] },
  { id: 'rank', name: 'rank', additive: false, units: [u('名', 'rank position', '1')] },
  { id: 'score', name: 'score points', additive: false, units: [u('分', 'points', '1')] },
  ...countDimensions,
];

function splitFactor(factor: string): { numerator: string; denominator: string } {
  const [numerator, denominator = '1'] = factor.split('/');
  return { numerator, denominator };
}

export const DIMENSION_LIST: readonly Dimension[] = DIMENSIONS.map((d) => ({
  id: d.id,
  name: d.name,
  baseUnit: d.units.find((unit) => unit.factor === '1')?.symbol ?? d.units[0].symbol,
  additive: d.additive ?? true,
}));

export const UNIT_LIST: readonly UnitOfMeasure[] = DIMENSIONS.flatMap((d) =>
  d.units.map((unit) => ({
    symbol: unit.symbol,
    dimension: d.id,
    name: unit.name,
    factor: splitFactor(unit.factor),
    aliases: unit.aliases ?? [],
    additive: d.additive ?? true,
  })),
);
