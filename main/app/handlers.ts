// The IPC handler table: each channel calls the same core operation the CLI calls, then maps the
// result to the contract's view through a whitelist (views.ts), so no secret and nothing the
// contract does not name reaches the renderer. Mutations tell the window what to ask again.
import type { AppEvent, AssumeRequestedView } from '../../common/contract';
import type { Core } from '../core/core';
import { RolecallError } from '../core/errors';
import { exportText } from '../core/operations/export-text';
import { importProfiles } from '../core/operations/import';
import { list } from '../core/operations/list';
import { addRole, removeRole } from '../core/operations/roles';
import { saveUser } from '../core/operations/save-user';
import { assume, stop } from '../core/operations/sessions';
import { sessionsOverview } from '../core/operations/sessions-overview';
import { updateSettings } from '../core/operations/settings';
import { removeUser } from '../core/operations/users';
import type { RenewalMark } from '../core/scheduler/renewal';
import type { Handlers } from './ipc';
import {
  toAssumedView,
  toCatalogListView,
  toImportPlanView,
  toNoticeView,
  toRoleView,
  toSessionsView,
  toSettingsView,
  toUserSavedView,
} from './views';

export interface HandlerDeps {
  /** Built lazily on first use: creating the core loads the keychain module. */
  core: () => Core;
  version: string;
  platform: string;
  /** The OS locale (BCP 47), for the "follow the system" language. */
  locale: string;
  /** Where an export goes: the OS clipboard. The text never crosses IPC. */
  writeClipboard: (text: string) => void;
  /** Pushes an event to the window (main/app/events.ts). */
  publish: (event: AppEvent) => void;
  /** The scheduler's marks on live sessions that will not renew by themselves (none without one). */
  renewalMarks?: () => readonly RenewalMark[];
  /** The role the tray or a notification asked the window to assume (main/app/assume-requests.ts). */
  takeAssumeRequest?: () => AssumeRequestedView;
  /** A change to the sessions was made here: the scheduler plans again. */
  onSessionsChanged?: () => void;
}

/** The handler table, and what quitting needs of it: no new change, then none running. */
export interface WindowHandlers extends Handlers {
  /**
   * From now on every channel that changes something (the catalog, the keychain, the AWS files,
   * the clipboard) refuses with the code 'Quitting', without running; reads keep answering.
   * Quitting calls it before waiting for idle, so nothing starts once the cleanup has begun.
   */
  beginQuit(): void;
  /** Resolves once no mutation is running (at once when none is): quitting waits for it. */
  whenIdle(): Promise<void>;
}

/** A change asked for once the app is quitting: refused, nothing was done. */
export class QuittingError extends RolecallError {
  constructor() {
    super('Rolecall is quitting: the change was not made.', undefined, 'Quitting');
  }
}

const CATALOG: AppEvent = { type: 'catalog:changed' };
const SESSIONS: AppEvent = { type: 'sessions:changed' };

export function createHandlers(deps: HandlerDeps): WindowHandlers {
  /** Mutations running now, and who waits for there to be none. */
  let running = 0;
  let idleWaiters: Array<() => void> = [];
  let quitting = false;

  /**
   * Runs a mutation and then publishes its events, on failure too: an operation refused half
   * way (a chain whose first link was assumed before the second failed, a catalog written before
   * its profile could be removed) may still have changed something, and a needless event costs
   * only one more read. It is counted while it runs, so quitting can wait for it (whenIdle).
   * Once quitting has begun it is refused before it starts: no event, since nothing changed.
   */
  async function mutating<T>(events: AppEvent[], run: () => Promise<T>): Promise<T> {
    // Checked and counted in the same synchronous step: no change slips in after the wait for idle.
    if (quitting) throw new QuittingError();
    running += 1;
    try {
      return await run();
    } finally {
      if (events.includes(SESSIONS)) tellScheduler();
      for (const event of events) publish(event);
      running -= 1;
      if (running === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }

  /**
   * An event that cannot be sent must not turn a committed change into an error (nor replace the
   * error of a failed one): main's publisher never throws and logs its own failures; this guards
   * any other `publish` handed in.
   */
  function publish(event: AppEvent): void {
    try {
      deps.publish(event);
    } catch {
      // The event is lost (the page catches up at the next one, or when it loads); the change stands.
    }
  }

  /** Like publish: the scheduler's trouble must not turn a committed change into an error. */
  function tellScheduler(): void {
    try {
      deps.onSessionsChanged?.();
    } catch {
      // The scheduler plans again at its next deadline or event.
    }
  }

  // A catalog change changes the sessions view too: which roles need a code, a role's profile.
  const catalogAndSessions = [CATALOG, SESSIONS];

  return {
    beginQuit: () => {
      quitting = true;
    },
    whenIdle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    'app:info': () => ({ version: deps.version, platform: deps.platform, locale: deps.locale }),
    'catalog:list': async () => toCatalogListView(await list(deps.core())),
    'sessions:list': async () => toSessionsView(await sessionsOverview(deps.core()), deps.renewalMarks?.() ?? []),
    'user:save': (request) => mutating(catalogAndSessions, async () => toUserSavedView(await saveUser(deps.core(), request))),
    'user:remove': (request) =>
      mutating(catalogAndSessions, async () => {
        await removeUser(deps.core(), request);
        return {};
      }),
    'role:save': (request) => mutating(catalogAndSessions, async () => toRoleView(await addRole(deps.core(), request))),
    'role:remove': (request) =>
      mutating(catalogAndSessions, async () => {
        await removeRole(deps.core(), request);
        return {};
      }),
    'import:preview': async () => toImportPlanView(await importProfiles(deps.core(), { dryRun: true })),
    'import:run': (request) =>
      mutating(catalogAndSessions, async () =>
        toImportPlanView(await importProfiles(deps.core(), { dryRun: false, removePlaintext: request.removePlaintext })),
      ),
    'session:assume': (request) => mutating([SESSIONS], async () => toAssumedView(await assume(deps.core(), request))),
    'session:stop': (request) =>
      mutating([SESSIONS], async () => {
        const { stopped } = await stop(deps.core(), request);
        return { stopped: [...stopped] };
      }),
    'session:copy-export': (request) =>
      mutating([SESSIONS], async () => {
        const exported = await exportText(deps.core(), request);
        // SECURITY: the export (keys and token) goes to the clipboard from main; the page learns only that it did.
        deps.writeClipboard(exported.text);
        return { role: exported.role, format: request.format, expiresAt: exported.expiresAt, notices: exported.notices.map(toNoticeView) };
      }),
    // The refresh lead moves the line between active and expiring, and both leads move the
    // scheduler's deadlines: the sessions view changes too.
    'settings:update': (request) =>
      mutating(request.refreshLeadMinutes === undefined && request.notifyLeadMinutes === undefined ? [CATALOG] : catalogAndSessions, async () =>
        toSettingsView(await updateSettings(deps.core(), request)),
      ),
    'assume:take-request': () => deps.takeAssumeRequest?.() ?? { extend: false },
  };
}
