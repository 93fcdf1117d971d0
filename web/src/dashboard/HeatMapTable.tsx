import { Typography } from 'antd';
import { Link } from 'react-router';
import type { CompletionRow } from '../api/views';
import { useI18n } from '../i18n/i18n';
import { STATUS_COLOURS } from '../shell/StatusTag';
import { cellKey, heatMap } from './heat-map';

/**
 * Units × categories as a coloured table: every cell is a link to the targets behind it, named in words
 * (count and worst status), so it is readable without colour, by keyboard and by a screen reader.
 */
export function HeatMapTable({ rows, unitName, asOf }: { rows: CompletionRow[]; unitName: (code: string) => string; asOf: string | undefined }) {
  const { m, t } = useI18n();
  const { units, categories, cells } = heatMap(rows);
  if (!rows.length) return <Typography.Text>{m.targetsEmpty}</Typography.Text>;
  return (
    <>
      <Typography.Paragraph type="secondary">{m.heatMapHint}</Typography.Paragraph>
      <div className="heat-map-scroll">
        <table className="heat-map">
          <caption className="visually-hidden">{m.heatMap}</caption>
          <thead>
            <tr>
              <th scope="col">{m.unit}</th>
              {categories.map((c) => (
                <th scope="col" key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {units.map((unit) => (
              <tr key={unit}>
                <th scope="row">{unitName(unit)}</th>
                {categories.map((category) => {
                  const cell = cells.get(cellKey(unit, category));
                  if (!cell) return <td key={category} className="heat-empty">—</td>;
                  const params = new URLSearchParams({ unitCode: unit, category });
                  if (asOf) params.set('asOf', asOf);
                  const label = t(m.heatCell, { unit: unitName(unit), category, count: cell.count, status: m.status[cell.worst] ?? cell.worst });
                  return (
                    <td key={category} style={{ background: `${STATUS_COLOURS[cell.worst]}22`, borderLeft: `4px solid ${STATUS_COLOURS[cell.worst]}` }}>
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
