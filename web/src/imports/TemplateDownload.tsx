import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { problemText } from '../shell/ProblemAlert';
import { fetchFile, saveFile } from './files';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 下载模板: a unit's progress template for a period (.xlsx), for the reporting and the upload pages. */
export function TemplateDownload({
  planCode,
  unitCode,
  period,
  label,
}: {
  planCode: string | undefined;
  unitCode: string | undefined;
  period: string | undefined;
  label?: string;
}) {
  const { m, t, language } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const ready = !!planCode && !!unitCode && !!period && PERIOD.test(period);
  const download = async () => {
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      saveFile(
        await fetchFile(
          `/api/plans/${encodeURIComponent(planCode)}/progress-template`,
          { unitCode, period },
          `progress-${unitCode}-${period}.xlsx`,
        ),
      );
    } catch (e) {
      setError(problemText(e, m, t, language));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" className="template-download">
      <Button onClick={() => void download()} loading={busy} disabled={!ready}>
        {label ?? m.imports.templateButton}
      </Button>
      {error && <Alert type="error" showIcon role="alert" message={error} />}
    </Space>
  );
}
