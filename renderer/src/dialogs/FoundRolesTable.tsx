// The roles "Find roles" found, one table row each: a checkbox labelled by the role's name (off and
// disabled, with the reason beside it, for a role that cannot be added), its account, whether it
// needs MFA, its longest session in words, and whether Rolecall has it already. With "direct" on,
// the rows it changes say so.
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../../common/time';
import { Rich } from '../i18n/rich';
import type { FoundRoleRow } from './find-roles-rows';

export interface FoundRolesTableProps {
  rows: readonly FoundRoleRow[];
  chosen: ReadonlySet<string>;
  direct: boolean;
  /** While the chosen roles are added, nothing changes. */
  busy: boolean;
  onToggle(name: string, on: boolean): void;
  /** A prefix for the ids the rows' facts are described by. */
  idPrefix: string;
}

export function FoundRolesTable({ rows, chosen, direct, busy, onToggle, idPrefix }: FoundRolesTableProps) {
  const { t } = useTranslation();
  const duration = (seconds: number) => formatDuration(seconds, t);
  return (
    <table className="found-roles" aria-label={t('findRoles.listLabel')} data-testid="found-roles">
      <thead>
        <tr>
          <th scope="col">{t('findRoles.columnRole')}</th>
          <th scope="col">{t('findRoles.columnAccount')}</th>
          <th scope="col">{t('findRoles.columnMfa')}</th>
          <th scope="col">{t('findRoles.columnMaxSession')}</th>
          <th scope="col">{t('findRoles.columnInRolecall')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const factsId = `${idPrefix}-facts-${index}`;
          const blocked = row.notAddable !== undefined;
          return (
            <tr key={row.name} data-testid={`found-role-${row.name}`} className={blocked ? 'blocked' : undefined}>
              <th scope="row">
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={!blocked && chosen.has(row.name)}
                    disabled={blocked}
                    aria-disabled={busy || undefined}
                    aria-describedby={factsId}
                    onChange={(event) => !busy && onToggle(row.name, event.target.checked)}
                  />
                  <span className="name" translate="no">
                    {row.name}
                  </span>
                </label>
              </th>
              <td translate="no" className="data">
                {row.account}
              </td>
              <td>{row.needsMfa ? t('findRoles.needsMfa') : t('findRoles.noMfa')}</td>
              <td>{t('findRoles.maxSession', { duration: duration(row.maxSessionDuration) })}</td>
              <td id={factsId}>
                {row.inCatalog.length > 0 ? (
                  <Rich k="findRoles.inRolecall" values={{ names: row.inCatalog.join(', ') }} />
                ) : row.notAddable ? (
                  t(`findRoles.notAddable.${row.notAddable}`)
                ) : (
                  t('findRoles.notInRolecall')
                )}
                {!blocked && direct && row.directWhenAsked && <div className="tag">{t('findRoles.becomesDirect', { duration: duration(row.maxSessionDuration) })}</div>}
                {row.dependsOn.length > 0 && (
                  <div className="note">
                    <Rich k="findRoles.dependsOn" values={{ keys: row.dependsOn.join(', ') }} />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
