// main/electron/console-windows.ts with `electron` mocked (no Electron binary here): a role's
// console window is a BaseWindow holding the bar and the locked-down console page on the role's
// own partition; a console link meant for a new tab becomes another such window of the role
// (never a window Electron would make for it); the role is signed out of the partition only
// when its last window closes.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainTranslator } from '../../main/app/i18n';

type Fn = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  const views: FakeView[] = [];
  const partitions = new Map<string, { clearStorageData: ReturnType<typeof vi.fn>; [handler: string]: unknown }>();
  class FakeContents {
    url?: string;
    destroyed = false;
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return this.destroyed;
    }
    close() {
      this.destroyed = true;
    }
  }
  class FakeView {
    webContents = new FakeContents();
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      views.push(this);
    }
    setBounds() {}
  }
  class FakeWindow {
    title = '';
    destroyed = false;
    listeners = new Map<string, Fn>();
    children: FakeView[] = [];
    contentView = { addChildView: (view: FakeView) => this.children.push(view) };
    show = vi.fn();
    focus = vi.fn();
    constructor(readonly options: { title: string }) {
      windows.push(this);
    }
    getContentBounds() {
      return { x: 0, y: 0, width: 1280, height: 860 };
    }
    setTitle(title: string) {
      this.title = title;
    }
    on(event: string, listener: Fn) {
      this.listeners.set(event, listener);
    }
    isDestroyed() {
      return this.destroyed;
    }
    /** What Electron does when the person closes the window. */
    close() {
      this.destroyed = true;
      this.listeners.get('closed')?.();
    }
  }
  return {
    windows,
    views,
    partitions,
    module: {
      BaseWindow: FakeWindow,
      WebContentsView: FakeView,
      shell: { openPath: vi.fn(async () => '') },
      session: {
        fromPartition: (name: string) => {
          if (!partitions.has(name)) {
            partitions.set(name, {
              clearStorageData: vi.fn(async () => undefined),
              setPermissionRequestHandler: vi.fn(),
              setPermissionCheckHandler: vi.fn(),
              setDevicePermissionHandler: vi.fn(),
            });
          }
          return partitions.get(name);
        },
      },
    },
  };
});

vi.mock('electron', () => fake.module);

const { createConsoleWindows } = await import('../../main/electron/console-windows');

const SIGNIN = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=secret-token';
const CONSOLE_PAGE = 'https://us-east-1.console.aws.amazon.com/cloudwatch/home';
/** A pinned instant: the titles' time left comes from it, not from the wall clock. */
const NOW = Date.UTC(2026, 11, 7, 1, 24);
const ENDS_AT = new Date(NOW + 45 * 60_000).toISOString();

type Contents = Parameters<ReturnType<typeof createConsoleWindows>['navigation']>[0];
const asContents = (contents: unknown) => contents as Contents;

describe('the console windows (Electron mocked)', () => {
  beforeAll(() => vi.useFakeTimers({ now: NOW }));
  afterAll(() => vi.useRealTimers());
  beforeEach(() => {
    fake.windows.length = 0;
    fake.views.length = 0;
    fake.partitions.clear();
  });

  const consoleWindows = () => createConsoleWindows({ isPackaged: () => true, translator: () => createMainTranslator('en'), testOrigin: () => undefined });

  it("opens a role's window: the bar above the console page, on the role's own in-memory partition", () => {
    const windows = consoleWindows();
    windows.inWindow({ role: 'admin', url: SIGNIN, partition: 'aws', endsAt: ENDS_AT });
    expect(fake.windows).toHaveLength(1);
    const [bar, page] = fake.windows[0]!.children;
    expect(page!.webContents.url).toBe(SIGNIN);
    expect(page!.options.webPreferences).toMatchObject({ partition: 'role-console:admin', sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(page!.options.webPreferences).not.toHaveProperty('preload');
    expect(bar!.webContents.url).toMatch(/^data:text\/html/);
    expect(fake.windows[0]!.title).toContain('admin');
    // Only the console page is a console window's: the bar and anything else get the app's own rule.
    expect(windows.navigation(asContents(page!.webContents), CONSOLE_PAGE)).toBe('allow');
    expect(windows.navigation(asContents(page!.webContents), 'https://example.com/')).toBe('external');
    expect(windows.navigation(asContents(bar!.webContents), CONSOLE_PAGE)).toBeUndefined();
  });

  it('opens a console link meant for a new tab as another window of the role, signed in on the same partition', () => {
    const windows = consoleWindows();
    windows.inWindow({ role: 'admin', url: SIGNIN, partition: 'aws', endsAt: ENDS_AT });
    const page = fake.windows[0]!.children[1]!;
    expect(windows.openBeside(asContents(page.webContents), CONSOLE_PAGE)).toBe(true);
    expect(fake.windows).toHaveLength(2);
    const [bar, beside] = fake.windows[1]!.children;
    expect(beside!.webContents.url).toBe(CONSOLE_PAGE);
    expect(beside!.options.webPreferences).toMatchObject({ partition: 'role-console:admin', sandbox: true });
    expect(bar!.webContents.url).toMatch(/^data:text\/html/);
    expect(fake.windows[1]!.title).toBe(fake.windows[0]!.title);
    // The first window kept its page.
    expect(page.webContents.url).toBe(SIGNIN);
    // The new window follows the same rule, and may open windows of its own.
    expect(windows.navigation(asContents(beside!.webContents), 'https://example.com/')).toBe('external');
    // Not a console page (the main window, a bar): no window is made for it.
    expect(windows.openBeside(asContents(bar!.webContents), CONSOLE_PAGE)).toBe(false);
    expect(fake.windows).toHaveLength(2);
  });

  it("forgets the role's sign-in only when its last window closes", () => {
    const windows = consoleWindows();
    windows.inWindow({ role: 'admin', url: SIGNIN, partition: 'aws', endsAt: ENDS_AT });
    windows.openBeside(asContents(fake.windows[0]!.children[1]!.webContents), CONSOLE_PAGE);
    const partition = fake.partitions.get('role-console:admin')!;
    fake.windows[0]!.close();
    expect(partition.clearStorageData).not.toHaveBeenCalled();
    expect(fake.windows[0]!.children.every((view) => view.webContents.isDestroyed())).toBe(true);
    fake.windows[1]!.close();
    expect(partition.clearStorageData).toHaveBeenCalledTimes(1);
  });

  it('signs in again in the first window, and every window of the role shows the new end', () => {
    const windows = consoleWindows();
    windows.inWindow({ role: 'admin', url: SIGNIN, partition: 'aws', endsAt: ENDS_AT });
    windows.openBeside(asContents(fake.windows[0]!.children[1]!.webContents), CONSOLE_PAGE);
    const before = fake.windows[1]!.title;
    const again = `${SIGNIN}-again`;
    windows.inWindow({ role: 'admin', url: again, partition: 'aws', endsAt: new Date(NOW + 3 * 3600_000).toISOString() });
    expect(fake.windows).toHaveLength(2);
    expect(fake.windows[0]!.children[1]!.webContents.url).toBe(again);
    expect(fake.windows[1]!.children[1]!.webContents.url).toBe(CONSOLE_PAGE);
    expect(fake.windows[1]!.title).not.toBe(before);
    expect(fake.windows[1]!.title).toBe(fake.windows[0]!.title);
    expect(fake.windows[0]!.focus).toHaveBeenCalled();
  });

  it('keeps roles apart: each on its own partition, each window its own', () => {
    const windows = consoleWindows();
    windows.inWindow({ role: 'admin', url: SIGNIN, partition: 'aws', endsAt: ENDS_AT });
    windows.inWindow({ role: 'deploy', url: SIGNIN, partition: 'aws', endsAt: ENDS_AT });
    expect(fake.windows.map((w) => w.children[1]!.options.webPreferences.partition)).toEqual(['role-console:admin', 'role-console:deploy']);
    fake.windows[0]!.close();
    expect(fake.partitions.get('role-console:admin')!.clearStorageData).toHaveBeenCalledTimes(1);
    expect(fake.partitions.get('role-console:deploy')!.clearStorageData).not.toHaveBeenCalled();
  });
});
