// A stand-in for window.rolecall in the renderer's jsdom tests: each channel answers from a
// handler the test gives (or a default built from the seeds' catalog), every call is recorded,
// and events can be pushed as main would. Like main's one-slot box (main/app/assume-requests.ts), it
// holds an assume request from "the tray" that the page takes once.
import { configure, render } from '@testing-library/react';
import { vi } from 'vitest';
import type {
  AppEvent,
  AssumeRequestedView,
  AssumedView,
  CatalogListView,
  Channel,
  ChannelRequest,
  ChannelResponse,
  IpcError,
  IpcResult,
  RolecallApi,
  SessionView,
  SessionsView,
} from '../../common/contract';
import type { ErrorCode } from '../../common/error-codes';
import { App } from '../../renderer/src/App';
import { createClock, type Clock } from '../../renderer/src/state/clock';
import { CATALOG } from './catalog-view';
import { TEST_NOW, TEST_ZONE } from './test-clock';

// findBy* and waitFor wait for the DOM to change (an event) and give up after asyncUtilTimeout:
// its default second is less than a loaded machine takes for a window's first render (the lazy
// form chunk is compiled then). Up to the test's own limit instead; a passing wait returns as
// soon as the change shows.
configure({ asyncUtilTimeout: 30_000 });

export type Handler<C extends Channel> = (request: ChannelRequest<C>) => IpcResult<ChannelResponse<C>> | Promise<IpcResult<ChannelResponse<C>>>;
export type Handlers = { [C in Channel]?: Handler<C> };

export function ok<T>(data: T): IpcResult<T> {
  return { ok: true, data };
}

export function fail(code: ErrorCode, message: string, extra: Partial<IpcError> = {}): IpcResult<never> {
  return { ok: false, error: { code, message, ...extra } };
}

export { TEST_NOW, TEST_ZONE };

/** An instant `ms` after TEST_NOW, as main writes it (ISO). */
export function isoIn(ms: number): string {
  return new Date(TEST_NOW + ms).toISOString();
}

/** A clock standing still at `at` (TEST_NOW), showing times in TEST_ZONE: it ticks, but time does not move. */
export function pinnedClock(at = TEST_NOW, timeZone = TEST_ZONE): Clock {
  return createClock(1000, () => at, timeZone);
}

/** Main's time when it answers: the local clock of the window last rendered (no skew). */
let mainNow: () => number = () => TEST_NOW;
/** Views whose takenAt the test did not give: the fake bridge stamps them when it answers. */
const stampOnAnswer = new WeakSet<SessionsView>();

/** Main's sessions; without `takenAt`, taken when the fake bridge answers, as main's are. */
export function sessionsView(sessions: SessionView[] = [], needsMfaCode: string[] = [], takenAt?: Date): SessionsView {
  const view: SessionsView = { sessions, needsMfaCode, takenAt: new Date(takenAt ?? mainNow()).toISOString(), keychain: 'ready' };
  if (!takenAt) stampOnAnswer.add(view);
  return view;
}

/** A role session expiring `msFromNow` after TEST_NOW. */
export function roleSession(name: string, msFromNow: number, extra: Partial<SessionView> = {}): SessionView {
  return { kind: 'role', name, profile: name, state: 'active', expiresAt: isoIn(msFromNow), chain: ['dev-user', name], ...extra };
}

/** What main answers for an assume: a fresh one-hour session of the role from dev-user. */
export function assumedView(role: string, extra: Partial<AssumedView> = {}): AssumedView {
  return {
    role,
    profile: role,
    assumedRoleArn: `arn:aws:sts::123456789012:assumed-role/${role}/rolecall`,
    expiresAt: isoIn(3_600_000),
    chain: ['dev-user', role],
    fromCache: false,
    notices: [],
    ...extra,
  };
}

export interface FakeBridge extends RolecallApi {
  calls: Array<{ channel: Channel; request: unknown }>;
  callsTo<C extends Channel>(channel: C): Array<ChannelRequest<C>>;
  emit(event: AppEvent): void;
  handlers: Handlers;
  /** What `assume:take-request` answers next: set before rendering for a request taken on load. */
  pendingRequest: AssumeRequestedView | undefined;
  /** As the tray does: stores the request (replacing one not yet taken) and says `assume:requested`. */
  requestAssume(role: string, extend?: boolean): void;
}

export function fakeBridge(handlers: Handlers = {}, catalog: CatalogListView = CATALOG): FakeBridge {
  const listeners = new Set<(event: AppEvent) => void>();
  const defaults: Handlers = {
    'app:info': () => ok({ version: '0.1.0', platform: 'linux', locale: 'en-US' }),
    'catalog:list': () => ok(catalog),
    'sessions:list': () => ok(sessionsView()),
    // Taken once: a second take answers with no role, as main's does.
    'assume:take-request': () => {
      const taken = bridge.pendingRequest;
      bridge.pendingRequest = undefined;
      return ok(taken ?? { extend: false });
    },
  };
  const bridge: FakeBridge = {
    calls: [],
    handlers,
    pendingRequest: undefined,
    requestAssume(role, extend = false) {
      bridge.pendingRequest = { role, extend };
      bridge.emit({ type: 'assume:requested' });
    },
    callsTo(channel) {
      return bridge.calls.filter((c) => c.channel === channel).map((c) => c.request) as never;
    },
    invoke: vi.fn(async (channel: Channel, request: unknown) => {
      bridge.calls.push({ channel, request });
      const handler = (bridge.handlers[channel] ?? defaults[channel]) as ((r: unknown) => unknown) | undefined;
      if (!handler) return fail('Unexpected', `no handler for ${channel} in this test`);
      const result = (await handler(request)) as IpcResult<unknown>;
      // A view made earlier and answered again (as main would answer now) is taken now.
      if (channel === 'sessions:list' && result.ok && stampOnAnswer.has(result.data as SessionsView)) {
        return ok({ ...(result.data as SessionsView), takenAt: new Date(mainNow()).toISOString() });
      }
      return result;
    }) as RolecallApi['invoke'],
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
  };
  return bridge;
}

/** Renders the whole window over a fake bridge, with its own clock (pinned unless given). */
export function renderApp(bridge: RolecallApi | undefined, clock: Clock = pinnedClock()) {
  mainNow = () => clock.local();
  return { clock, ...render(<App bridge={bridge} clock={clock} />) };
}

/** A catalog with the language chosen, for tests of the Japanese UI. */
export function withLanguage(catalog: CatalogListView, language: 'en' | 'ja' | 'system'): CatalogListView {
  return { ...catalog, settings: { ...catalog.settings, language } };
}

/** The seeds' catalog plus a role chained from admin, for chain display. */
export const CHAIN_CATALOG: CatalogListView = {
  ...CATALOG,
  roles: [...CATALOG.roles, { name: 'deploy', roleArn: 'arn:aws:iam::210987654321:role/deploy', source: 'admin', direct: false }],
};

/** Text of `root` outside translate="no" elements (and code), words of adjacent elements apart. */
export function translatableText(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  for (const data of copy.querySelectorAll('[translate="no"], code, pre')) data.remove();
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
  const texts: string[] = [];
  while (walker.nextNode()) texts.push(walker.currentNode.textContent ?? '');
  return texts.join(' ');
}

/** Latin words allowed in the Japanese UI: names of things, not English prose. */
export const JA_ALLOWED_WORDS = /\b(Rolecall|AWS|IAM|MFA|ARN|CLI|ID|bash|zsh|fish|PowerShell)\b/g;

/** A clock the test moves by hand: `advance` is one or more ticks, all at once. */
export function manualClock(start = TEST_NOW, timeZone = TEST_ZONE): Clock & { advance(ms: number): void; timers(): number } {
  const listeners = new Set<() => void>();
  const timers = new Set<{ time: number; callback: () => void }>();
  let now = start;
  let offset = 0;
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const clock = {
    now: () => now + offset,
    local: () => now,
    timeZone,
    snapshot: () => now + offset,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    setOffset(ms: number) {
      offset = ms;
    },
    at(time: number, callback: () => void) {
      const timer = { time, callback };
      timers.add(timer);
      return () => void timers.delete(timer);
    },
    /** Timers set with `at` and not yet fired or cancelled. */
    timers: () => timers.size,
    advance(ms: number) {
      now += ms;
      notify();
      for (const timer of [...timers]) {
        if (timer.time > clock.now() || !timers.delete(timer)) continue;
        timer.callback();
      }
    },
  };
  return clock;
}
