// One role: name (and the role it is chained from), profile, ARN, state, countdown, notes and
// buttons. Memoised with a comparator on what it shows of its session (expiry, state, cap,
// profile, renewal): a sessions reload hands every row a new session object, and only rows whose
// session really changed re-render. The clock re-renders a row only when its phase changes; the countdown
// inside ticks on its own. Buttons keep their short names ("Assume") and are described by the
// row's name, so a screen reader says which role they act on.
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../common/contract';
import { ErrorText } from '../errors/ErrorText';
import { Rich } from '../i18n/rich';
import { isLive, roleState } from '../state/role-state';
import type { OpState } from '../state/row-ops';
import type { RoleRowModel } from '../state/rows';
import { useRowActions } from './actions';
import { CopyExportMenu } from './CopyExportMenu';
import { Countdown } from './Countdown';
import { expiryMs, useSessionPhase } from './phase';
import { RenewalNote } from './RenewalNote';
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

function RoleRowView({ model, session, needsMfa, op, leadMs }: RoleRowProps) {
  const { t } = useTranslation();
  const actions = useRowActions();
  const nameId = `${useId()}-name`;
  const { role, depth, via } = model;
  const expiresAtMs = expiryMs(session?.expiresAt);
  const phase = useSessionPhase(expiresAtMs, leadMs);
  const busy = op?.kind === 'busy';
  // A failure from before the session changed is old news (useOperations forgets it too, a
  // moment later; this keeps the row from showing both in between).
  const error = op?.kind === 'failed' && op.sessionExpiresAt === session?.expiresAt ? op.error : undefined;
  const state = roleState({ phase, busy, failed: error !== undefined, needsMfa });
  const live = isLive(phase);
  // main marks a live session it will not renew by itself; the mark's note replaces the generic one.
  const renewal = live ? session?.renewal : undefined;

  return (
    <div className={`row role-row indent-${Math.min(depth, MAX_INDENT)}`} data-testid={`role-row-${role.name}`} data-state={state}>
      <div className="row-head">
        <span className="name" id={nameId} translate="no">
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
      {renewal && <RenewalNote role={role.name} problem={renewal} busy={busy} describedBy={nameId} />}
      {state === 'expiring' && needsMfa && renewal !== 'needs-mfa-code' && (
        <p className="note" data-testid={`mfa-renew-${role.name}`}>
          {t('role.mfaToRenew')}
        </p>
      )}
      {/* Not an alert: the status area announces the failure once; this note keeps it in place. */}
      {error && !busy && (
        <div className="row-error" data-testid={`row-error-${role.name}`}>
          <ErrorText error={error} />
          <button type="button" className="dismiss" aria-describedby={nameId} onClick={() => actions.dismiss(role.name)}>
            {t('role.dismiss')}
          </button>
        </div>
      )}
      <div className="row-actions">
        <button type="button" aria-describedby={nameId} aria-disabled={busy || undefined} onClick={() => !busy && actions.assume(role.name)}>
          {t('role.assume')}
        </button>
        {phase !== 'none' && (
          <button type="button" aria-describedby={nameId} aria-disabled={busy || undefined} onClick={() => !busy && actions.stop(role.name)}>
            {t('role.stop')}
          </button>
        )}
        <CopyExportMenu role={role.name} disabled={busy} describedBy={nameId} />
        <button type="button" aria-describedby={nameId} aria-disabled={busy || undefined} onClick={() => !busy && actions.openConsole(role.name, 'browser')}>
          {t('role.openConsole')}
        </button>
        <button type="button" aria-describedby={nameId} aria-disabled={busy || undefined} onClick={() => !busy && actions.openConsole(role.name, 'rolecall')}>
          {t('role.openInRolecall')}
        </button>
        <button type="button" aria-describedby={nameId} onClick={() => actions.editRole(role.name)}>
          {t('role.edit')}
        </button>
        <button type="button" aria-describedby={nameId} onClick={() => actions.removeRole(role.name)}>
          {t('role.remove')}
        </button>
      </div>
    </div>
  );
}

/** The same for what the row shows: main hands out a new object per reload even when nothing changed. */
function sameSession(a: SessionView | undefined, b: SessionView | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.expiresAt === b.expiresAt && a.state === b.state && a.cappedBy === b.cappedBy && a.profile === b.profile && a.renewal === b.renewal;
}

export function sameRoleRow(previous: RoleRowProps, next: RoleRowProps): boolean {
  return (
    previous.model === next.model &&
    previous.needsMfa === next.needsMfa &&
    previous.op === next.op &&
    previous.leadMs === next.leadMs &&
    sameSession(previous.session, next.session)
  );
}

export const RoleRow = memo(RoleRowView, sameRoleRow);
