import { useState } from 'react';

/**
 * Paging over an API that pages by cursor (next page only): the cursors of the pages seen so far, so
 * 上一页 goes back without the API needing a backwards cursor. Starts again at page 1 when `key`
 * (the filters) changes.
 */
export function useCursorPages<C extends string = string>(key: string) {
  const [state, setState] = useState<{ key: string; cursors: Array<C | undefined> }>({ key, cursors: [undefined] });
  const cursors = state.key === key ? state.cursors : [undefined];
  return {
    cursor: cursors[cursors.length - 1],
    page: cursors.length,
    next: (cursor: C) => setState({ key, cursors: [...cursors, cursor] }),
    previous: () => setState({ key, cursors: cursors.length > 1 ? cursors.slice(0, -1) : cursors }),
  };
}
