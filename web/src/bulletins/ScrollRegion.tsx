import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroll on a narrow screen, as a labelled region that takes keyboard focus
 * (a scrolling box without focusable content is unreachable by keyboard otherwise).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
