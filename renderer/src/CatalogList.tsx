// The users and roles of the catalog. Only what the contract carries: names, ids, ARNs, flags.
import type { CatalogListView } from '../../preload/contract';
import { useTranslation } from 'react-i18next';

export function CatalogList({ catalog }: { catalog: CatalogListView }) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="users-heading">
        <h2 id="users-heading">{t('catalog.usersHeading')}</h2>
        <ul className="cards">
          {catalog.users.map((user) => (
            <li key={user.name} className="card">
              <div className="card-title">
                <span className="name">{user.name}</span>
                <span className={user.hasSecret ? 'badge ok' : 'badge warn'}>
                  {user.hasSecret ? t('catalog.keyInKeychain') : t('catalog.keyMissing')}
                </span>
              </div>
              <dl>
                <dt>{t('catalog.accessKeyId')}</dt>
                <dd>
                  <code>{user.accessKeyId}</code>
                </dd>
                <dt>{t('catalog.mfaDevice')}</dt>
                <dd>{user.mfaSerial ? <code>{user.mfaSerial}</code> : t('catalog.noMfa')}</dd>
                {user.region && (
                  <>
                    <dt>{t('catalog.region')}</dt>
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
        <h2 id="roles-heading">{t('catalog.rolesHeading')}</h2>
        {catalog.roles.length === 0 ? (
          <p className="note">{t('catalog.noRoles')}</p>
        ) : (
          <ul className="cards">
            {catalog.roles.map((role) => (
              <li key={role.name} className="card">
                <div className="card-title">
                  <span className="name">{role.name}</span>
                  <span className="badge">{role.direct ? t('catalog.directMode') : t('catalog.mfaSessionMode')}</span>
                </div>
                <p className="arn">
                  <code>{role.roleArn}</code>
                </p>
                <p className="meta">
                  {t('catalog.roleSource', { source: role.source })}
                  {role.profile && role.profile !== role.name && <> · {t('catalog.roleProfile', { profile: role.profile })}</>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
