// A role's state in words, coloured by state (the colour never carries the meaning alone).
import { useTranslation } from 'react-i18next';
import type { RoleState } from '../state/role-state';

const KEYS = {
  idle: 'state.idle',
  active: 'state.active',
  refreshing: 'state.refreshing',
  'needs-mfa': 'state.needsMfa',
  expiring: 'state.expiring',
  expired: 'state.expired',
  error: 'state.error',
} as const satisfies Record<RoleState, string>;

export function StateBadge({ state }: { state: RoleState }) {
  const { t } = useTranslation();
  return <span className={`badge state-${state}`}>{t(KEYS[state])}</span>;
}
