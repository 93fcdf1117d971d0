import { Button } from 'antd';
import { useI18n } from '../i18n/i18n';
import { CsvColumn, downloadCsv, toCsv } from './csv';

/** Exports the rows the table shows (after filters and sorting) with exact values, as CSV. */
export function ExportButton<T>({
  filename,
  columns,
  rows,
}: {
  filename: string;
  columns: CsvColumn<T>[];
  rows: readonly T[];
}) {
  const { m } = useI18n();
  return (
    <Button onClick={() => downloadCsv(filename, toCsv(columns, rows))} disabled={!rows.length}>
      {m.exportCsv}
    </Button>
  );
}
