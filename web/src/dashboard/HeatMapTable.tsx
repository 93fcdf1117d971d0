import { Typography } from 'antd';
import { Link } from 'react-router';
import type { HeatMapView } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { STATUS_COLOURS } from '../shell/StatusTag';

/**
 * Units × categories as a coloured table: every cell is a link to the targets behind it, named in words
 * (count and worst status), so it is readable without colour, by keyboard and by a screen reader.
 */
export function HeatMapTable({
  map,
  unitName,
  asOf,
}: {
  map: HeatMapView;
  unitName: (code: string) => string;
  asOf: string | undefined;
}) {
  const { m, t } = useI18n();
  if (!map.cells.length) return <Typography.Text>{m.targetsEmpty}</Typography.Text>;
  const cells = new Map(map.cells.map((c) => [`${c.unitCode}\u0000${c.category}`, c]));
  return (
    <>
      <Typography.Paragraph type="secondary">{m.heatMapHint}</Typography.Paragraph>
      <div className="heat-map-scroll" tabIndex={0} role="region" aria-label={m.heatMap}>
        <table className="heat-map">
          <caption className="visually-hidden">{m.heatMap}</caption>
          <thead>
            <tr>
              <th scope="col">{m.unit}</th>
              {map.categories.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {map.units.map(({ unitCode, unitName: name }) => (
              <tr key={unitCode}>
                <th scope="row">{name ?? unitName(unitCode)}</th>
                {map.categories.map((category) => {
                  const cell = cells.get(`${unitCode}\u0000${category}`);
                  if (!cell)
                    return (
                      <td key={category} className="heat-empty">
                        —
                      </td>
                    );
                  const params = new URLSearchParams({ unitCode, category });
                  if (asOf) params.set('asOf', asOf);
                  const unit = name ?? unitName(unitCode);
                  const label = t(m.heatCell, {
                    unit,
                    category,
                    count: cell.count,
                    status: m.status[cell.worst] ?? cell.worst,
                  });
                  return (
                    <td
                      key={category}
                      style={{
                        background: `${STATUS_COLOURS[cell.worst]}22`,
                        borderLeft: `4px solid ${STATUS_COLOURS[cell.worst]}`,
                      }}
                    >
                      <Link to={`/targets?${params}`} aria-label={label} title={label}>
                        <strong>{cell.count}</strong> <span className="heat-word">{m.status[cell.worst]}</span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
