// Under a live role session that will not renew by itself (main's scheduler marked it): why, and
// the button that renews it now. Both run Extend (assume with `refresh`): a session that needs a
// code opens the MFA dialog first ("Extend…", the ellipsis says a dialog follows); a failed one
// is tried again at once ("Renew now"). The row's badge keeps saying the session works (Active,
// Expiring): this note carries the needs-MFA colour instead, so neither hides the other.
import { useTranslation } from 'react-i18next';
import type { RenewalProblem } from '../../../common/contract';
import { useRowActions } from './actions';

export interface RenewalNoteProps {
  role: string;
  problem: RenewalProblem;
  busy: boolean;
  /** The row's name, so a screen reader says which role the button acts on. */
  describedBy: string;
}

export function RenewalNote({ role, problem, busy, describedBy }: RenewalNoteProps) {
  const { t } = useTranslation();
  const actions = useRowActions();
  const needsCode = problem === 'needs-mfa-code';
  return (
    <div className="renewal" data-testid={`renewal-${role}`} data-renewal={problem}>
      <p className="note">{needsCode ? t('role.renewalNeedsMfa') : t('role.renewalFailed')}</p>
      <button type="button" data-testid={`extend-${role}`} aria-describedby={describedBy} aria-disabled={busy || undefined} onClick={() => !busy && actions.extend(role)}>
        {needsCode ? t('role.extend') : t('role.renewNow')}
      </button>
    </div>
  );
}
