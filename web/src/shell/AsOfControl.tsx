import { Slider, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatTime } from '../format/format';
import { monthEnd, monthOf } from './as-of';
import { usePlan } from './plans';
import { useAsOf } from './use-as-of';

/**
 * The as-of control 时间回溯: a date-time field (Asia/Shanghai wall time) and a slider over the plan
 * year's month ends. The browser's own date-time field keeps the first page light and is keyboard- and
 * screen-reader-friendly.
 */
export function AsOfControl() {
  const { m } = useI18n();
  const { asOf, setAsOf } = useAsOf();
  const { plan } = usePlan();
  const year = plan?.year ?? new Date().getFullYear();
  const month = monthOf(asOf, year) ?? 12;
  // The handle moves freely while dragged or stepped by keyboard; the URL changes when it is let go.
  const [handle, setHandle] = useState(month);
  useEffect(() => setHandle(month), [month]);
  const local = asOf && !/^\d+$/.test(asOf) ? formatTime(asOf).replace(' ', 'T') : '';
  return (
    <Space wrap size="small" className="as-of-control">
      <label className="as-of-time">
        <span className="as-of-label">{m.asOf}</span>
        <input
          type="datetime-local"
          aria-label={m.asOfTime}
          value={local}
          onChange={(event) => {
            const value = event.target.value;
            setAsOf(value ? new Date(`${value}:00+08:00`).toISOString() : undefined);
          }}
        />
      </label>
      <div className="as-of-slider">
        <Slider
          min={1}
          max={12}
          value={handle}
          onChange={setHandle}
          marks={{ 1: '1', 3: '3', 6: '6', 9: '9', 12: '12' }}
          tooltip={{ formatter: (v) => `${year}-${String(v).padStart(2, '0')}` }}
          onChangeComplete={(value) => setAsOf(monthEnd(year, value))}
          ariaLabelForHandle={m.asOfMonth}
        />
      </div>
    </Space>
  );
}
