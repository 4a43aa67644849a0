// The virtualised list: a scroll box whose inner box has the full height, and a window of rows
// (the visible ones and a few more) translated into place. Rows are measured as they render, so
// a row that grows (an error, a note, an open menu) pushes the next ones down.
// Positions are set through element.style (CSSOM), which the CSP's style-src 'self' allows.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { LIST_ID } from '../focus';
import type { RowModel } from '../state/rows';
import { useRevealRow, type RevealRequest } from './reveal';
import { renderRow, type ListData } from './RowView';

const USER_ROW_ESTIMATE = 88;
const ROLE_ROW_ESTIMATE = 104;

export interface VirtualRowsProps {
  rows: readonly RowModel[];
  data: ListData;
  label: string;
  reveal?: RevealRequest | undefined;
}

export function VirtualRows({ rows, data, label, reveal }: VirtualRowsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (rows[index]?.kind === 'role' ? ROLE_ROW_ESTIMATE : USER_ROW_ESTIMATE),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  useRevealRow(reveal, rows, (index) => virtualizer.scrollToIndex(index, { align: 'center' }));
  return (
    <div ref={scroller} className="list-scroll">
      <div role="list" id={LIST_ID} tabIndex={-1} aria-label={label} className="virtual-space" style={{ height: virtualizer.getTotalSize() }}>
        <div className="virtual-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => {
            const row = rows[item.index];
            return row ? (
              <div
                role="listitem"
                key={item.key}
                data-row={row.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                aria-setsize={rows.length}
                aria-posinset={item.index + 1}
              >
                {renderRow(row, data)}
              </div>
            ) : null;
          })}
        </div>
      </div>
    </div>
  );
}
