import { Alert, Button, Card, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { fetchFile, saveFile } from '../imports/files';
import { problemText } from '../shell/ProblemAlert';

const FORMATS = ['docx', 'xlsx', 'pdf', 'html'] as const;
type Format = (typeof FORMATS)[number];

/** The bulletin as Word, Excel, PDF and the printable HTML (the HTML opens in a new tab to print). */
export function BulletinDownloads({ id, title }: { id: string; title: string }) {
  const { m, t, language } = useI18n();
  const b = m.bulletins;
  const [busy, setBusy] = useState<Format>();
  const [error, setError] = useState<string>();
  const labels: Record<Format, string> = {
    docx: b.downloadDocx,
    xlsx: b.downloadXlsx,
    pdf: b.downloadPdf,
    html: b.downloadHtml,
  };
  const download = async (format: Format) => {
    setBusy(format);
    setError(undefined);
    try {
      const file = await fetchFile(`/api/bulletins/${encodeURIComponent(id)}/export`, { format }, `${title}.${format}`);
      if (format === 'html') {
        const url = URL.createObjectURL(file.blob);
        if (!window.open(url, '_blank')) saveFile(file);
      } else {
        saveFile(file);
      }
    } catch (e) {
      setError(t(b.downloadFailed, { detail: problemText(e, m, t, language) }));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Card size="small" className="section" title={<h2 className="card-title">{b.downloads}</h2>}>
      {error && <Alert type="error" showIcon role="alert" className="form-alert" message={error} />}
      <Space wrap>
        {FORMATS.map((format) => (
          <Button key={format} onClick={() => void download(format)} loading={busy === format}>
            {labels[format]}
          </Button>
        ))}
      </Space>
    </Card>
  );
}
