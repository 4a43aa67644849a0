// What "Find roles" added, as main saved it: each role with its way in (from the user's MFA session,
// or direct for its whole length), and the chosen roles Rolecall had already.
import { useTranslation } from 'react-i18next';
import type { DiscoveryView } from '../../../common/contract';
import { formatDuration } from '../../../common/time';
import { Rich } from '../i18n/rich';

export function FindRolesOutcome({ result }: { result: DiscoveryView }) {
  const { t } = useTranslation();
  return (
    <div className="find-roles-outcome" data-testid="find-roles-outcome">
      {result.added.length > 0 ? (
        <>
          <p>{t('findRoles.added')}</p>
          <ul>
            {result.added.map((role) => (
              <li key={role.name}>
                {role.direct ? (
                  <Rich k="findRoles.addedDirect" values={{ name: role.name, duration: formatDuration(role.duration ?? 0, t) }} />
                ) : (
                  <Rich k="findRoles.addedFromSession" values={{ name: role.name, source: role.source }} />
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('findRoles.addedNone')}</p>
      )}
      {result.alreadyInCatalog.length > 0 && (
        <p>
          <Rich k="findRoles.alreadyInCatalog" values={{ names: result.alreadyInCatalog.join(', ') }} />
        </p>
      )}
    </div>
  );
}
