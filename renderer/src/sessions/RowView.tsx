// One list row of any kind, given only the data that row needs, so memo() keeps the others still.
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../common/contract';
import type { OpState } from '../state/row-ops';
import type { RowModel } from '../state/rows';
import { RoleRow } from './RoleRow';
import { UserRow } from './UserRow';

export interface ListData {
  /** Role sessions by role name. */
  sessions: ReadonlyMap<string, SessionView>;
  /** MFA sessions by user name. */
  mfaSessions: ReadonlyMap<string, SessionView>;
  needsMfa: ReadonlySet<string>;
  /** Users whose key rotation was interrupted (its journal waits in the keychain). */
  rotationsInterrupted: ReadonlySet<string>;
  ops: ReadonlyMap<string, OpState>;
  leadMs: number;
}

function OrphansHeading() {
  const { t } = useTranslation();
  return (
    <div className="row group-row">
      <h3>{t('list.orphans')}</h3>
    </div>
  );
}

export function renderRow(row: RowModel, data: ListData) {
  switch (row.kind) {
    case 'user':
      return <UserRow model={row} mfaSession={data.mfaSessions.get(row.user.name)} rotationInterrupted={data.rotationsInterrupted.has(row.user.name)} />;
    case 'role':
      return (
        <RoleRow
          model={row}
          session={data.sessions.get(row.role.name)}
          needsMfa={data.needsMfa.has(row.role.name)}
          op={data.ops.get(row.role.name)}
          leadMs={data.leadMs}
        />
      );
    case 'orphans':
      return <OrphansHeading />;
  }
}
