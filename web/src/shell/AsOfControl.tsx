import { DatePicker, Slider, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatTime } from '../format/format';
import { useAppNow } from './app-clock';
import { monthEnd, monthOf, shanghaiInstant } from './as-of';
import { usePlan } from './plans';
import { useAsOf } from './use-as-of';

const FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * The as-of control 时间回溯: Ant Design's date-time picker (the zh_CN locale from ConfigProvider; the
 * wall time is Asia/Shanghai whatever the browser's zone) and a slider over the plan year's month ends.
 * Loaded after the first paint (see Layout), so the picker is not in the first page's bundle.
 */
export default function AsOfControl() {
  const { m } = useI18n();
  const { asOf, setAsOf } = useAsOf();
  const { plan } = usePlan();
  const year = plan?.year ?? new Date().getFullYear();
  const month = monthOf(asOf, year) ?? 12;
  // The handle moves freely while dragged or stepped by keyboard; the URL changes when it is let go.
  const [handle, setHandle] = useState(month);
  useEffect(() => setHandle(month), [month]);
  const value = asOf && !/^\d+$/.test(asOf) ? dayjs(formatTime(asOf), FORMAT) : null;
  const appNow = useAppNow();
  return (
    <Space wrap size="small" className="as-of-control">
      <span className="as-of-label" aria-hidden="true">
        {m.asOf}
      </span>
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format={FORMAT}
        value={value}
        // Only while empty: a given default is where the panel opens even over a value.
        defaultPickerValue={value ? undefined : appNow}
        aria-label={m.asOfTime}
        placeholder={m.asOfPlaceholder}
        allowClear
        minDate={dayjs(`${year}-01-01 00:00`, FORMAT)}
        onChange={(next) => setAsOf(next ? shanghaiInstant(next.format('YYYY-MM-DDTHH:mm')) : undefined)}
        className="as-of-picker"
      />
      <div className="as-of-slider">
        <Slider
          min={1}
          max={12}
          value={handle}
          onChange={setHandle}
          marks={{ 1: '1', 3: '3', 6: '6', 9: '9', 12: '12' }}
          tooltip={{ formatter: (v) => `${year}-${String(v).padStart(2, '0')}` }}
          onChangeComplete={(v) => setAsOf(monthEnd(year, v))}
          ariaLabelForHandle={m.asOfMonth}
        />
      </div>
    </Space>
  );
}
