// What the tray shows, gathered from core: the catalog, one sessions overview and the scheduler's
// marks. Electron-free: the tray's glue (app-tray.ts) builds its menu from this with buildTray.
import type { Catalog } from '../../common/catalog-schema';
import type { SessionsOverview } from '../core/operations/sessions-overview';
import { currentRenewalProblems, type RenewalMark } from '../core/scheduler/renewal';
import { resolveChain } from '../core/sessions/chain';
import type { TrayState } from './tray/build-tray';

export function trayStateOf(catalog: Catalog, overview: SessionsOverview, marks: readonly RenewalMark[], platform: string): TrayState {
  const roles = catalog.roles.flatMap((role) => {
    try {
      const { user } = resolveChain(catalog, role.name);
      return [{ name: role.name, user: user.name, source: role.source, direct: role.direct }];
    } catch {
      return []; // a broken chain: the window says what is wrong with it
    }
  });
  const sessions = overview.sessions.filter((s) => s.kind === 'role');
  return {
    users: catalog.users.map((user) => ({ name: user.name, hasMfa: user.mfaSerial !== undefined })),
    roles,
    sessions: sessions.map((s) => ({ role: s.name, expiresAt: s.expiresAt, state: s.state })),
    needsMfaCode: [...overview.needsMfaCode],
    renewal: [...currentRenewalProblems(marks, sessions)].map(([role, problem]) => ({ role, problem })),
    now: overview.now,
    platform,
  };
}
