import { Alert, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { get } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { problemText } from '../shell/ProblemAlert';
import type { HashVerification } from './types';

/** The SHA-256 recorded at issue, and the server recomputing it from the stored content on demand. */
export function HashCheck({ id, contentHash }: { id: string; contentHash: string }) {
  const { m, t, language } = useI18n();
  const b = m.bulletins;
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    try {
      const answer = await get<HashVerification>(`/api/bulletins/${encodeURIComponent(id)}/verification`);
      setResult({ ok: answer.intact, text: answer.intact ? b.intact : b.broken });
    } catch (e) {
      setResult({ ok: false, text: problemText(e, m, t, language) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" className="hash-check">
      <span>
        {b.contentHash}：
        <Typography.Text code copyable className="content-hash" aria-label={b.contentHash}>
          {contentHash}
        </Typography.Text>
      </span>
      <Space wrap>
        <Button size="small" onClick={() => void verify()} loading={busy}>
          {b.verify}
        </Button>
        {result && <Alert type={result.ok ? 'success' : 'error'} showIcon role="status" message={result.text} />}
      </Space>
    </Space>
  );
}
