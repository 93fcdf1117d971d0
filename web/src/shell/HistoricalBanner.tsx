import { Alert, Button } from 'antd';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { useAsOf } from './use-as-of';

/** Shown whenever the page is a past view (`?asOf=`): says so, and offers 返回当前. */
export function HistoricalBanner() {
  const { m, t } = useI18n();
  const { asOf, setAsOf } = useAsOf();
  if (!asOf) return null;
  const time = /^\d+$/.test(asOf) ? `#${asOf}` : formatTime(asOf);
  return (
    <Alert
      role="status"
      type="warning"
      showIcon
      className="historical-banner"
      message={t(m.historicalBanner, { time })}
      description={m.historicalDetail}
      action={<Button onClick={() => setAsOf(undefined)}>{m.backToNow}</Button>}
    />
  );
}
