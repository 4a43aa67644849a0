// One role: name (and the role it is chained from), profile, ARN, state, countdown, notes and
// buttons. Memoised: it re-renders when its own session or operation changes, or when the clock
// moves it to another phase; the countdown inside ticks on its own.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../preload/contract';
import { ErrorText } from '../errors/ErrorText';
import { Rich } from '../i18n/rich';
import type { OpState } from '../state/operations';
import { roleState } from '../state/role-state';
import type { RoleRowModel } from '../state/rows';
import { useRowActions } from './actions';
import { CopyExportMenu } from './CopyExportMenu';
import { Countdown } from './Countdown';
import { expiryMs, useSessionPhase } from './phase';
import { StateBadge } from './StateBadge';

export interface RoleRowProps {
  model: RoleRowModel;
  session: SessionView | undefined;
  needsMfa: boolean;
  op: OpState | undefined;
  /** Less than this left is "expiring" (the refresh lead). */
  leadMs: number;
}

const MAX_INDENT = 10;

export const RoleRow = memo(function RoleRow({ model, session, needsMfa, op, leadMs }: RoleRowProps) {
  const { t } = useTranslation();
  const actions = useRowActions();
  const { role, depth, via } = model;
  const expiresAtMs = expiryMs(session?.expiresAt);
  const phase = useSessionPhase(expiresAtMs, leadMs);
  const state = roleState({ phase, busy: op?.busy ?? false, failed: op?.error !== undefined, needsMfa });
  const busy = state === 'refreshing';
  const live = phase === 'active' || phase === 'expiring';

  return (
    <div className={`row role-row indent-${Math.min(depth, MAX_INDENT)}`} data-testid={`role-row-${role.name}`} data-state={state}>
      <div className="row-head">
        <span className="name" translate="no">
          {role.name}
        </span>
        {via !== undefined && (
          <span className="via">
            <Rich k="role.via" values={{ source: via }} />
          </span>
        )}
        {role.direct && <span className="tag">{t('role.direct')}</span>}
        <StateBadge state={state} />
        {live && expiresAtMs !== undefined && <Countdown name={role.name} expiresAtMs={expiresAtMs} />}
      </div>
      <div className="row-meta">
        <span className={session?.profile ? 'profile written' : 'profile'}>
          <Rich k="role.profile" values={{ profile: role.profile ?? role.name }} />
        </span>
        <span className="arn" translate="no">
          {role.roleArn}
        </span>
      </div>
      {session?.cappedBy && phase !== 'none' && (
        <p className="note capped" data-testid={`capped-${role.name}`}>
          {session.cappedBy === 'chaining' ? t('role.cappedChaining') : t('role.cappedRoleMaximum')}
        </p>
      )}
      {op?.error && !busy && (
        <div className="row-error">
          <ErrorText error={op.error} />
        </div>
      )}
      <div className="row-actions">
        <button type="button" aria-disabled={busy || undefined} onClick={() => !busy && actions.assume(role.name)}>
          {t('role.assume')}
        </button>
        {phase !== 'none' && (
          <button type="button" aria-disabled={busy || undefined} onClick={() => !busy && actions.stop(role.name)}>
            {t('role.stop')}
          </button>
        )}
        <CopyExportMenu role={role.name} disabled={busy} />
        <button type="button" onClick={() => actions.editRole(role.name)}>
          {t('role.edit')}
        </button>
        <button type="button" onClick={() => actions.removeRole(role.name)}>
          {t('role.remove')}
        </button>
      </div>
    </div>
  );
});
