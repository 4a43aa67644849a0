// The window's handlers, one per channel, made from the operation table (common/operations.ts and
// main/core/operations/table.ts): each runs its operation on main's core, and the table's output
// schema decides what reaches the page, so no secret and nothing the contract does not name does.
// What this file adds is the app's side: an operation that changes something is counted (quitting
// waits for it, and refuses new ones) and tells the window what to read again.
import { CHANNELS, type AppEvent, type AssumeRequestedView } from '../../common/contract';
import { changesOf, type Changed } from '../../common/operations';
import type { Core } from '../core/core';
import { RolecallError } from '../core/errors';
import type { RenewalMark } from '../core/scheduler/renewal';
import { runOperation, type AppContext, type OperationContext } from '../core/operations/table';
import type { Handlers } from './ipc';

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
  /**
   * Opens a console sign-in URL in the OS browser or the role's Rolecall console window. SECURITY:
   * the URL is a bearer credential and stays in main. Without one, the window cannot open consoles.
   */
  openConsole?: AppContext['openConsole'];
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

/** The event that tells the window to read each kind of change again. */
const EVENT_OF: Record<Changed, AppEvent> = {
  catalog: { type: 'catalog:changed' },
  sessions: { type: 'sessions:changed' },
};

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
  async function mutating<T>(changes: readonly Changed[], run: () => Promise<T>): Promise<T> {
    // Checked and counted in the same synchronous step: no change slips in after the wait for idle.
    if (quitting) throw new QuittingError();
    running += 1;
    try {
      return await run();
    } finally {
      if (changes.includes('sessions')) tellScheduler();
      for (const changed of changes) publish(EVENT_OF[changed]);
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

  const context: OperationContext = {
    // A getter: the core is built on first use (creating it loads the keychain module).
    get core() {
      return deps.core();
    },
    app: {
      info: () => ({ version: deps.version, platform: deps.platform, locale: deps.locale }),
      writeClipboard: (text) => deps.writeClipboard(text),
      renewalMarks: () => deps.renewalMarks?.() ?? [],
      takeAssumeRequest: () => deps.takeAssumeRequest?.() ?? { extend: false },
      openConsole: async (request) => {
        if (!deps.openConsole) throw new RolecallError('This window cannot open the AWS console.', undefined, 'Unexpected');
        await deps.openConsole(request);
      },
    },
  };

  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      (request: never) => {
        const changes = changesOf(channel, request);
        const run = () => runOperation(channel, context, request);
        // A read runs as it is, even while quitting; a change is counted and refused once quitting began.
        return changes.length === 0 ? run() : mutating(changes, run);
      },
    ]),
  ) as unknown as Handlers;

  return {
    ...handlers,
    beginQuit: () => {
      quitting = true;
    },
    whenIdle: () => (running === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
  };
}
