// The test bridge: stands in for the preload's transport only. The page gets a `window.rolecall`
// shaped exactly like the preload's; each invoke crosses to Node through a Playwright binding and
// goes through main's real IPC registration (sender check, schemas, error mapping) and handler
// table, on the real core (keychain, STS test server, temp home). Events go through main's own
// publisher (checked against the contract) and are pushed back into the page. A channel main has
// no handler for makes the page's invoke reject, as Electron's does. Everything that reaches the
// page is recorded, so a test can prove no secret ever did. main's session scheduler runs beside
// the handlers as in the app (its marks reach the page), and `requestAssume` does what a tray
// click or a notification's Extend… does.
import type { Frame, Page } from 'playwright-core';
import { EVENT_CHANNEL, type AppEvent } from '../../common/contract';
import { createAssumeRequests } from '../../main/app/assume-requests';
import { createCore } from '../../main/core/core';
import type { RenewalNotice } from '../../main/core/scheduler/renewal';
import { SessionScheduler } from '../../main/core/scheduler/scheduler';
import { createPublisher } from '../../main/app/events';
import { createHandlers } from '../../main/app/handlers';
import { registerHandlers, type SenderEvent } from '../../main/app/ipc';

type Listener = (event: SenderEvent, ...args: unknown[]) => unknown;

export interface WindowBridge {
  /** Texts main wrote to the clipboard (the page never sees them). */
  clipboard: string[];
  /** Every message that reached the page, serialised: invoke results and pushed events. */
  toPage: string[];
  /** Every request the page sent: [channel, payload]. */
  fromPage: Array<[string, unknown]>;
  /** What the scheduler would have shown as desktop notifications. */
  notices: RenewalNotice[];
  /** Installs window.rolecall into the page (before its scripts run) and routes it to main. */
  attach(page: Page): Promise<void>;
  /** As the tray or a notification's Extend… does: main asks the window to assume (or extend) a role. */
  requestAssume(role: string, extend: boolean): void;
  /** Stops the scheduler. */
  close(): void;
}

/** The page is served from http://127.0.0.1:<port>/; main's sender check expects app://rolecall/. */
function asAppUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.hostname === '127.0.0.1' ? `app://rolecall${parsed.pathname}` : url;
  } catch {
    return url;
  }
}

function senderOf(frame: Frame): SenderEvent {
  const parent = frame.parentFrame();
  return { senderFrame: { url: asAppUrl(frame.url()), parent: parent === null ? null : { url: parent.url() } } };
}

export function createWindowBridge(env: NodeJS.ProcessEnv, options: { locale?: string } = {}): WindowBridge {
  const core = createCore({ env });
  const listeners = new Map<string, Listener>();
  const pages = new Set<Page>();
  const bridge: WindowBridge = {
    clipboard: [],
    toPage: [],
    fromPage: [],
    notices: [],
    attach,
    requestAssume: (role, extend) => requests.request(role, extend),
    close: () => scheduler.stop(),
  };

  // main's publisher, with the pages standing in for the window's WebContents: only what it lets
  // through (a checked AppEvent on the event channel) reaches them.
  const publish = createPublisher(() => ({
    isDestroyed: () => false,
    send(channel, payload) {
      if (channel !== EVENT_CHANNEL) throw new Error(`events go on ${EVENT_CHANNEL}, not ${channel}`);
      bridge.toPage.push(JSON.stringify(payload));
      for (const page of pages) {
        void page
          .evaluate((e) => (globalThis as unknown as { __rolecallDispatch?: (e: AppEvent) => void }).__rolecallDispatch?.(e), payload as AppEvent)
          .catch(() => undefined); // the page may be closing
      }
    },
  }));

  const scheduler = new SessionScheduler({
    core,
    notify: (notice) => void bridge.notices.push(notice),
    onChange: () => publish({ type: 'sessions:changed' }),
    onError: (error) => {
      throw error; // surfaces as an unhandled rejection, which fails the test run
    },
  });
  const requests = createAssumeRequests(publish);

  registerHandlers(
    { handle: (channel, listener) => void listeners.set(channel, listener as Listener) },
    createHandlers({
      core: () => core,
      version: 'test',
      platform: process.platform,
      locale: options.locale ?? 'en-US',
      writeClipboard: (text) => void bridge.clipboard.push(text),
      publish,
      renewalMarks: () => scheduler.marks(),
      takeAssumeRequest: () => requests.take(),
      onSessionsChanged: () => void scheduler.evaluate(),
    }),
  );

  async function attach(page: Page): Promise<void> {
    pages.add(page);
    page.once('close', () => pages.delete(page));
    await page.exposeBinding('__rolecallInvoke', async ({ frame }, channel: unknown, payload: unknown) => {
      bridge.fromPage.push([String(channel), payload]);
      const listener = listeners.get(String(channel));
      if (!listener) {
        // As Electron does for a channel nobody handles: the page's invoke rejects.
        const message = `Error invoking remote method '${String(channel)}': Error: No handler registered for '${String(channel)}'`;
        bridge.toPage.push(JSON.stringify({ rejected: message }));
        throw new Error(message);
      }
      const result = await listener(senderOf(frame), payload);
      bridge.toPage.push(JSON.stringify(result));
      return result;
    });
    // The same shape the preload exposes: one frozen object with invoke and onEvent.
    await page.addInitScript(() => {
      type Event = { type: string };
      const g = globalThis as unknown as {
        __rolecallInvoke(channel: string, payload: unknown): Promise<unknown>;
        __rolecallDispatch?: (event: Event) => void;
      };
      const subscribers = new Set<(event: Event) => void>();
      g.__rolecallDispatch = (event) => subscribers.forEach((listener) => listener(event));
      const api = {
        invoke: (channel: string, request: unknown) => g.__rolecallInvoke(channel, request),
        onEvent(listener: (event: Event) => void) {
          subscribers.add(listener);
          return () => void subscribers.delete(listener);
        },
      };
      Object.defineProperty(globalThis, 'rolecall', { value: Object.freeze(api) });
    });
  }

  return bridge;
}
