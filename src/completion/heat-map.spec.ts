import { heatMapOf } from './heat-map';

describe('the dashboard heat map from status counts', () => {
  const counts = [
    { unitCode: 'jiangqiao', category: '经济发展', status: 'green', count: 1 },
    { unitCode: 'jiangqiao', category: '经济发展', status: 'red', count: 1 },
    { unitCode: 'anting', category: '经济发展', status: 'completed', count: 2 },
    { unitCode: 'anting', category: '社会民生', status: 'overdue', count: 1 },
    { unitCode: 'anting', category: '社会民生', status: 'yellow', count: 3 },
  ];

  it('counts each unit × category, its worst status and how many are behind', () => {
    const map = heatMapOf('p', counts, null, new Map([['anting', '安亭镇']]));
    expect(map.units).toEqual([
      { unitCode: 'anting', unitName: '安亭镇' },
      { unitCode: 'jiangqiao', unitName: null },
    ]);
    expect(map.categories).toEqual(['社会民生', '经济发展'].sort((a, b) => a.localeCompare(b)));
    const cell = (unit: string, category: string) =>
      map.cells.find((c) => c.unitCode === unit && c.category === category);
    expect(cell('jiangqiao', '经济发展')).toMatchObject({
      count: 2,
      worst: 'red',
      behind: 1,
      counts: { total: 2, green: 1, red: 1 },
    });
    expect(cell('anting', '经济发展')).toMatchObject({ count: 2, worst: 'completed', behind: 0 });
    expect(cell('anting', '社会民生')).toMatchObject({ count: 4, worst: 'overdue', behind: 4 });
  });

  it('is empty for a plan without targets', () => {
    expect(heatMapOf('p', [], '2021-05-31T15:59:59.000Z')).toEqual({
      planCode: 'p',
      asOf: '2021-05-31T15:59:59.000Z',
      units: [],
      categories: [],
      cells: [],
    });
  });
});
