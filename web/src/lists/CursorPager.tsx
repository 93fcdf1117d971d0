import { Button, Select } from 'antd';
import { useI18n } from '../i18n/i18n';
import './lists.css';

export const PAGE_SIZES = [20, 50, 100];

/**
 * The pager bar of a list the API pages by cursor (上一页 / 第 n 页 / 下一页 / 每页条数): `page` and the moves
 * come from useCursorPages; `shown` (when given) says how many rows this page holds.
 */
export function CursorPager(props: {
  page: number;
  shown?: number;
  hasNext: boolean;
  /** While the next page's answer is not in yet (placeholder data): no second 下一页 on the old cursor. */
  busy?: boolean;
  onPrevious: () => void;
  onNext: () => void;
  limit: number;
  onLimit: (limit: number) => void;
}) {
  const { m, t } = useI18n();
  const p = m.pager;
  return (
    <nav className="cursor-pager" aria-label={p.label}>
      <Button onClick={props.onPrevious} disabled={props.page === 1}>
        {p.prevPage}
      </Button>
      <span aria-live="polite">
        {t(p.pageN, { n: props.page })}
        {props.shown !== undefined && ` · ${t(p.shownOnPage, { count: props.shown })}`}
      </span>
      <Button onClick={props.onNext} disabled={!props.hasNext || !!props.busy}>
        {p.nextPage}
      </Button>
      <Select
        aria-label={p.pageSize}
        value={props.limit}
        onChange={props.onLimit}
        options={PAGE_SIZES.map((n) => ({ value: n, label: String(n) }))}
        className="page-size"
      />
    </nav>
  );
}
