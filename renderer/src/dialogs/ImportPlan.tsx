// What an import adds and skips, as main planned it: users with their key id and MFA device, roles
// with their source, way in and the profile they will write; then every other section accounted
// for, as the CLI does: skipped, left alone, plaintext kept, each with main's reason.
import { useTranslation } from 'react-i18next';
import type { ImportPlanView } from '../../../common/contract';
import { Rich } from '../i18n/rich';

export function ImportPlan({ plan, catalogRoles }: { plan: ImportPlanView; catalogRoles: readonly string[] }) {
  const { t } = useTranslation();
  // A role sourced from another role (imported now or already in the catalog) is chained: AWS
  // caps it at one hour whatever its way in says.
  const roles = new Set([...catalogRoles, ...plan.roles.map((role) => role.name)]);
  const wayOf = (role: ImportPlanView['roles'][number]) =>
    roles.has(role.source) ? t('importDialog.wayChained') : role.direct ? t('importDialog.wayDirect') : t('importDialog.wayMfa');
  const nothing = plan.users.length === 0 && plan.roles.length === 0;
  return (
    <div className="import-plan">
      {nothing && <p>{t('importDialog.noneToAdd')}</p>}
      {plan.users.length > 0 && (
        <section>
          <h3>{t('importDialog.addUsers')}</h3>
          <ul>
            {plan.users.map((user) => (
              <li key={user.name} translate="no">
                <span className="name">{user.name}</span> <code>{user.accessKeyId}</code>
                {user.mfaSerial && (
                  <>
                    {' '}
                    <code>{user.mfaSerial}</code>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      {plan.roles.length > 0 && (
        <section>
          <h3>{t('importDialog.addRoles')}</h3>
          <ul>
            {plan.roles.map((role) => (
              <li key={role.name}>
                <span className="name" translate="no">
                  {role.name}
                </span>{' '}
                <span className="tag">{wayOf(role)}</span> <Rich k="importDialog.roleFrom" values={{ source: role.source, profile: role.profile ?? role.name }} />
                <div className="arn" translate="no">
                  {role.roleArn}
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Reasons title={t('importDialog.skipped')} entries={plan.skipped} />
      <Reasons title={t('importDialog.leftAlone')} entries={plan.leftAlone ?? []} />
      <Reasons title={t('importDialog.plaintextKept')} entries={plan.plaintextKept ?? []} />
      {plan.orphanedProfiles.length > 0 && (
        <section>
          <h3>{t('importDialog.orphaned')}</h3>
          <ul>
            {plan.orphanedProfiles.map((orphan) => (
              <li key={orphan.profile}>
                <span className="name" translate="no">
                  {orphan.profile}
                </span>
                {orphan.useInstead && (
                  <>
                    {' '}
                    <Rich k="importDialog.useInstead" values={{ profile: orphan.useInstead }} />
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Sections named with core's reason (English words: marked as such for screen readers). */
function Reasons({ title, entries }: { title: string; entries: ReadonlyArray<{ name: string; reason: string }> }) {
  if (entries.length === 0) return null;
  return (
    <section>
      <h3>{title}</h3>
      <ul>
        {entries.map((entry) => (
          <li key={entry.name} translate="no" lang="en">
            <span className="name">{entry.name}</span>: {entry.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
