// The users and roles, flattened. Up to a few screens of rows are all rendered (every button in
// the tab order, nothing to scroll into existence); beyond that only the rows in view are, through
// @tanstack/react-virtual, which is what keeps 2,000 roles fast to paint and to filter.
import { memo } from 'react';
import { LIST_ID } from '../focus';
import type { RowModel } from '../state/rows';
import { useRevealRow, type RevealRequest } from './reveal';
import { renderRow, type ListData } from './RowView';
import { VirtualRows } from './VirtualRows';

/** About a screen and a half of rows: few enough to mount at once within a keystroke's budget. */
export const VIRTUALISE_ABOVE = 60;

export interface RoleListProps {
  rows: readonly RowModel[];
  data: ListData;
  label: string;
  /** The row to bring into view and focus (a request from the tray or a notification). */
  reveal?: RevealRequest | undefined;
}

export const RoleList = memo(function RoleList({ rows, data, label, reveal }: RoleListProps) {
  if (rows.length > VIRTUALISE_ABOVE) return <VirtualRows rows={rows} data={data} label={label} reveal={reveal} />;
  return <PlainRows rows={rows} data={data} label={label} reveal={reveal} />;
});

function PlainRows({ rows, data, label, reveal }: RoleListProps) {
  useRevealRow(reveal, rows);
  return (
    <div className="list-scroll">
      <div role="list" id={LIST_ID} tabIndex={-1} aria-label={label} className="rows">
        {rows.map((row) => (
          <div role="listitem" key={row.key} data-row={row.key}>
            {renderRow(row, data)}
          </div>
        ))}
      </div>
    </div>
  );
}
