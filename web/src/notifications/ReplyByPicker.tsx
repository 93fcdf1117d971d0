import { DatePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../i18n/i18n';
import { useAppNow } from '../shell/app-clock';

/** How the reply deadline reads and is typed: Asia/Shanghai wall time, whatever the browser's zone. */
export const REPLY_BY_FORMAT = 'YYYY-MM-DD HH:mm';

export interface ReplyByPickerProps {
  id?: string;
  value?: Dayjs | null;
  onChange?: (value: Dayjs | null) => void;
  disabled?: boolean;
}

/**
 * The 催办 reply deadline 回复期限: Ant Design's date-time picker (the zh_CN locale from ConfigProvider),
 * like the as-of control. Its own module, loaded when a 催办 dialog opens, so the picker stays out of
 * the first page's bundle (the dashboard's matrix urges too).
 */
export default function ReplyByPicker({ id, value, onChange, disabled }: ReplyByPickerProps) {
  const { m } = useI18n();
  const appNow = useAppNow();
  return (
    <DatePicker
      id={id}
      showTime={{ format: 'HH:mm' }}
      format={REPLY_BY_FORMAT}
      value={value ?? null}
      // Only while empty: a given default is where the panel opens even over a value.
      defaultPickerValue={value ? undefined : appNow}
      onChange={(next: Dayjs | null) => onChange?.(next)}
      placeholder={m.asOfPlaceholder}
      disabled={disabled}
      allowClear
      className="reply-by-picker"
    />
  );
}
