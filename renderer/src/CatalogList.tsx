// The users and roles of the catalog. Only what the contract carries: names, ids, ARNs, flags.
import type { CatalogListView } from '../../preload/contract';
import { useI18n } from './i18n';

export function CatalogList({ catalog }: { catalog: CatalogListView }) {
  const { t } = useI18n();
  return (
    <>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t('usersHeading')}</h2>
        <ul className="cards">
          {catalog.users.map((user) => (
            <li key={user.name} className="card">
              <div className="card-title">
                <span className="name">{user.name}</span>
                <span className={user.hasSecret ? 'badge ok' : 'badge warn'}>
                  {user.hasSecret ? t('keyInKeychain') : t('keyMissing')}
                </span>
              </div>
              <dl>
                <dt>{t('accessKeyId')}</dt>
                <dd>
                  <code>{user.accessKeyId}</code>
                </dd>
                <dt>{t('mfaDevice')}</dt>
                <dd>{user.mfaSerial ? <code>{user.mfaSerial}</code> : t('noMfa')}</dd>
                {user.region && (
                  <>
                    <dt>{t('region')}</dt>
                    <dd>
                      <code>{user.region}</code>
                    </dd>
                  </>
                )}
              </dl>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="roles-heading">
        <h2 id="roles-heading">{t('rolesHeading')}</h2>
        {catalog.roles.length === 0 ? (
          <p className="note">{t('noRoles')}</p>
        ) : (
          <ul className="cards">
            {catalog.roles.map((role) => (
              <li key={role.name} className="card">
                <div className="card-title">
                  <span className="name">{role.name}</span>
                  <span className="badge">{role.direct ? t('directMode') : t('mfaSessionMode')}</span>
                </div>
                <p className="arn">
                  <code>{role.roleArn}</code>
                </p>
                <p className="meta">
                  {t('roleSource', role.source)}
                  {role.profile && role.profile !== role.name && <> · {t('roleProfile', role.profile)}</>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
