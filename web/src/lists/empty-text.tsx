import { Skeleton } from 'antd';
import type { ReactNode } from 'react';

/**
 * A table's empty state, once its answer is in: while the first page is loading the table shows a
 * skeleton, not "nothing here" (an as-of answer folded from the log can take a moment).
 */
export function emptyText(loading: boolean, empty: ReactNode): ReactNode {
  return loading ? <Skeleton active title={false} paragraph={{ rows: 3 }} /> : empty;
}
