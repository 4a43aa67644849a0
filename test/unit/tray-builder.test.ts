// The tray menu as the user sees it: which roles are on and for how long, what a click does
// (through the same template and dispatch main/electron/index.ts uses), and the texts in both languages.
import { describe, expect, it, vi } from 'vitest';
import { en } from '../../main/app/i18n/en';
import { chosenLanguage } from '../../common/language';
import { createMainTranslator } from '../../main/app/i18n/index';
import { ja } from '../../main/app/i18n/ja';
import { buildTray, type TrayAction, type TrayItem, type TrayState } from '../../main/app/tray/build-tray';
import { dispatchTrayAction, toMenuTemplate, type MenuTemplateItem, type TrayOperations } from '../../main/app/tray/tray-actions';

const NOW = Date.parse('2030-01-01T12:00:00.000Z');
const MINUTE = 60_000;
const inMinutes = (minutes: number) => new Date(NOW + minutes * MINUTE).toISOString();
const EN = createMainTranslator('en');
const JA = createMainTranslator('ja');

const DEV_USER = { name: 'dev-user', hasMfa: true };
const ADMIN = { name: 'admin', user: 'dev-user', source: 'dev-user', direct: false };
const DEPLOY = { name: 'deploy', user: 'dev-user', source: 'admin', direct: false };
const AUDIT = { name: 'audit', user: 'dev-user', source: 'dev-user', direct: true };

function state(overrides: Partial<TrayState> = {}): TrayState {
  return { users: [DEV_USER], roles: [ADMIN], sessions: [], needsMfaCode: [], renewal: [], now: NOW, platform: 'linux', ...overrides };
}

function find(items: TrayItem[], id: string): TrayItem {
  for (const item of items) {
    if (item.id === id) return item;
    if (item.submenu) {
      try {
        return find(item.submenu, id);
      } catch {
        // not in this submenu
      }
    }
  }
  throw new Error(`no item ${id}`);
}

function has(items: TrayItem[], id: string): boolean {
  try {
    find(items, id);
    return true;
  } catch {
    return false;
  }
}

function labels(items: TrayItem[]): string[] {
  return items.flatMap((item) => [...(item.label === undefined ? [] : [item.label]), ...labels(item.submenu ?? [])]);
}

describe('buildTray: what the menu shows', () => {
  it('with no users, says how to start and offers only Open and Quit', () => {
    const view = buildTray(state({ users: [], roles: [], platform: 'darwin' }), EN);
    expect(view.items.map((item) => item.label ?? item.type)).toEqual(['Add an IAM user in the window', 'separator', 'Open Rolecall', 'Quit Rolecall']);
    expect(view.items[0]?.action).toEqual({ kind: 'open' });
    expect(view.tooltip).toBe('Rolecall');
    expect(view.title).toBeUndefined();
  });

  it('with a user and no roles, shows the user, says there are no roles, and has nothing to stop or copy', () => {
    const view = buildTray(state({ roles: [] }), EN);
    expect(find(view.items, 'user:dev-user')).toMatchObject({ label: 'dev-user', enabled: false });
    expect(find(view.items, 'no-roles:dev-user')).toMatchObject({ label: 'No roles yet', enabled: false });
    expect(find(view.items, 'stop-all').enabled).toBe(false);
    expect(has(view.items, 'copy-export')).toBe(false);
    expect(labels(view.items)).toEqual(expect.arrayContaining(['Open Rolecall', 'Install command-line tool…', 'Quit Rolecall']));
  });

  it('an idle role is an unchecked item that assumes it', () => {
    const view = buildTray(state(), EN);
    expect(find(view.items, 'role:admin')).toMatchObject({ type: 'checkbox', checked: false, label: 'admin', action: { kind: 'assume', role: 'admin' } });
    expect(view.tooltip).toBe('Rolecall');
  });

  it('an active role is checked with the minutes left, stops on click, and shows in the tooltip', () => {
    const view = buildTray(state({ sessions: [{ role: 'admin', expiresAt: inMinutes(42.9), state: 'active' }] }), EN);
    expect(find(view.items, 'role:admin')).toMatchObject({ type: 'checkbox', checked: true, label: 'admin — 42 min left', action: { kind: 'stop', role: 'admin' } });
    expect(view.tooltip).toBe('Rolecall — admin: 42 min left');
    expect(find(view.items, 'stop-all').enabled).toBe(true);
    expect(labels(find(view.items, 'copy-export').submenu ?? [])).toEqual(['admin', 'bash', 'zsh', 'fish', 'PowerShell']);
  });

  it('has a menu bar title on macOS only', () => {
    const sessions: TrayState['sessions'] = [{ role: 'admin', expiresAt: inMinutes(42.5), state: 'active' }];
    expect(buildTray(state({ sessions, platform: 'darwin' }), EN).title).toBe('admin 42m');
    expect(buildTray(state({ sessions, platform: 'linux' }), EN).title).toBeUndefined();
    expect(buildTray(state({ sessions, platform: 'win32' }), EN).title).toBeUndefined();
    expect(buildTray(state({ platform: 'darwin' }), EN).title).toBeUndefined();
  });

  it('says an hour or more as hours and minutes, and the last minute as under a minute', () => {
    const long = buildTray(state({ sessions: [{ role: 'admin', expiresAt: inMinutes(65), state: 'active' }] }), EN);
    expect(find(long.items, 'role:admin').label).toBe('admin — 1 h 5 min left');
    const hour = buildTray(state({ sessions: [{ role: 'admin', expiresAt: inMinutes(120), state: 'active' }] }), EN);
    expect(find(hour.items, 'role:admin').label).toBe('admin — 2 h left');
    const last = buildTray(state({ sessions: [{ role: 'admin', expiresAt: inMinutes(0.5), state: 'expiring' }] }), EN);
    expect(find(last.items, 'role:admin')).toMatchObject({ checked: true, label: 'admin — ends soon, under 1 min left' });
  });

  it('reads a chain in order under its user, each link with its own time, and counts the others in the tooltip', () => {
    const view = buildTray(
      state({
        roles: [DEPLOY, AUDIT, ADMIN],
        sessions: [
          { role: 'admin', expiresAt: inMinutes(50), state: 'active' },
          { role: 'deploy', expiresAt: inMinutes(20), state: 'active' },
        ],
      }),
      EN,
    );
    expect(view.items.slice(0, 4).map((item) => item.label)).toEqual(['dev-user', 'admin — 50 min left', 'deploy (via admin) — 20 min left', 'audit']);
    expect(find(view.items, 'role:deploy')).toMatchObject({ checked: true, action: { kind: 'stop', role: 'deploy' } });
    // The tooltip names the session that ends first.
    expect(view.tooltip).toBe('Rolecall — deploy: 20 min left (+1 more)');
    expect(labels(find(view.items, 'copy-export').submenu ?? []).filter((label) => !/^(bash|zsh|fish|PowerShell)$/.test(label))).toEqual(['admin', 'deploy (via admin)']);
  });

  it('lists users in catalog order and leaves out roles whose user is not there', () => {
    const view = buildTray(
      state({
        users: [{ name: 'zed', hasMfa: false }, DEV_USER],
        roles: [ADMIN, { name: 'ci', user: 'zed', source: 'zed', direct: false }, { name: 'orphan', user: 'gone', source: 'gone', direct: false }],
      }),
      EN,
    );
    expect(view.items.slice(0, 4).map((item) => item.label)).toEqual(['zed', 'ci', 'dev-user', 'admin']);
    expect(labels(view.items).some((label) => label.includes('orphan'))).toBe(false);
  });

  it('an idle role that needs an MFA code opens the window for it', () => {
    const view = buildTray(state({ needsMfaCode: ['admin'] }), EN);
    const item = find(view.items, 'role:admin');
    expect(item).toMatchObject({ checked: false, action: { kind: 'assume-in-window', role: 'admin' } });
    expect(item.label).toBe('admin — needs an MFA code…');
  });

  it('an active role that needs a code to renew offers Extend and Stop', () => {
    const view = buildTray(
      state({
        sessions: [{ role: 'admin', expiresAt: inMinutes(9), state: 'expiring' }],
        renewal: [{ role: 'admin', problem: 'needs-mfa-code' }],
        needsMfaCode: ['admin'],
      }),
      EN,
    );
    const item = find(view.items, 'role:admin');
    expect(item).toMatchObject({ type: 'submenu', label: 'admin — 9 min left, needs an MFA code to extend' });
    expect(item.submenu?.map((entry) => [entry.label, entry.action])).toEqual([
      ['Extend with an MFA code…', { kind: 'extend-in-window', role: 'admin' }],
      ['Stop', { kind: 'stop', role: 'admin' }],
    ]);
    expect(view.tooltip).toBe('Rolecall — admin: 9 min left');
  });

  it('an active role whose renewal failed says so and still stops on click', () => {
    const view = buildTray(state({ sessions: [{ role: 'admin', expiresAt: inMinutes(30), state: 'active' }], renewal: [{ role: 'admin', problem: 'failed' }] }), EN);
    expect(find(view.items, 'role:admin')).toMatchObject({
      checked: true,
      label: 'admin — 30 min left, could not renew (trying again)',
      action: { kind: 'stop', role: 'admin' },
    });
  });

  it('an expiring role stays checked and says it ends soon', () => {
    const view = buildTray(state({ sessions: [{ role: 'admin', expiresAt: inMinutes(4), state: 'expiring' }] }), EN);
    expect(find(view.items, 'role:admin')).toMatchObject({ checked: true, label: 'admin — ends soon, 4 min left' });
  });

  it('never shows an expired session as on, whatever its time says', () => {
    for (const session of [
      { role: 'admin', expiresAt: inMinutes(30), state: 'expired' as const },
      { role: 'admin', expiresAt: inMinutes(-5), state: 'active' as const },
      { role: 'admin', expiresAt: inMinutes(0), state: 'expiring' as const },
    ]) {
      const view = buildTray(state({ sessions: [session], platform: 'darwin' }), EN);
      expect(find(view.items, 'role:admin'), session.expiresAt).toMatchObject({ checked: false, label: 'admin', action: { kind: 'assume', role: 'admin' } });
      expect(view.tooltip).toBe('Rolecall');
      expect(view.title).toBeUndefined();
      expect(find(view.items, 'stop-all').enabled).toBe(false);
      expect(has(view.items, 'copy-export')).toBe(false);
    }
  });

  it('a session a second before its expiry is still on, at its exact expiry it is not', () => {
    const before = buildTray(state({ sessions: [{ role: 'admin', expiresAt: new Date(NOW + 1000).toISOString(), state: 'expiring' }] }), EN);
    expect(find(before.items, 'role:admin').checked).toBe(true);
    const at = buildTray(state({ sessions: [{ role: 'admin', expiresAt: new Date(NOW).toISOString(), state: 'expiring' }] }), EN);
    expect(find(at.items, 'role:admin').checked).toBe(false);
  });
});

function operations() {
  return {
    assume: vi.fn(async (_role: string) => {}),
    stop: vi.fn(async (_role: string) => {}),
    stopAll: vi.fn(async () => {}),
    copyExport: vi.fn(async (_role: string, _format: string) => {}),
    openConsole: vi.fn(async (_role: string, _target: string) => {}),
    openWindow: vi.fn(),
    requestInWindow: vi.fn((_role: string, _extend: boolean) => {}),
    installCli: vi.fn(async () => {}),
    quit: vi.fn(),
  } satisfies TrayOperations;
}

function templateItem(template: MenuTemplateItem[], ...path: string[]): MenuTemplateItem {
  const [head, ...rest] = path;
  const item = template.find((entry) => entry.id === head);
  if (!item) throw new Error(`no menu item ${head}`);
  return rest.length === 0 ? item : templateItem(item.submenu ?? [], ...rest);
}

describe('clicking the tray', () => {
  const view = buildTray(
    state({
      roles: [ADMIN, DEPLOY, AUDIT, { name: 'lambda', user: 'dev-user', source: 'dev-user', direct: true }],
      sessions: [
        { role: 'admin', expiresAt: inMinutes(40), state: 'active' },
        { role: 'lambda', expiresAt: inMinutes(10), state: 'expiring' },
      ],
      needsMfaCode: ['audit'],
      renewal: [{ role: 'lambda', problem: 'needs-mfa-code' }],
    }),
    EN,
  );

  async function click(...path: string[]) {
    const ops = operations();
    const pending: Promise<void>[] = [];
    const template = toMenuTemplate(view.items, (action: TrayAction) => pending.push(dispatchTrayAction(action, ops)));
    const item = templateItem(template, ...path);
    expect(item.click, path.join(' > ')).toBeTypeOf('function');
    item.click?.();
    await Promise.all(pending);
    return ops;
  }

  it('assumes an idle role, or opens the window when it needs a code', async () => {
    expect((await click('role:deploy')).assume).toHaveBeenCalledExactlyOnceWith('deploy');
    const needsCode = await click('role:audit');
    expect(needsCode.requestInWindow).toHaveBeenCalledExactlyOnceWith('audit', false);
    expect(needsCode.assume).not.toHaveBeenCalled();
  });

  it('stops an active role; Extend and Stop of a role that needs a code do what they say', async () => {
    expect((await click('role:admin')).stop).toHaveBeenCalledExactlyOnceWith('admin');
    expect((await click('role:lambda', 'extend:lambda')).requestInWindow).toHaveBeenCalledExactlyOnceWith('lambda', true);
    expect((await click('role:lambda', 'stop:lambda')).stop).toHaveBeenCalledExactlyOnceWith('lambda');
  });

  it('copies an export in the chosen format', async () => {
    expect((await click('copy-export', 'copy:admin', 'copy:admin:fish')).copyExport).toHaveBeenCalledExactlyOnceWith('admin', 'fish');
    expect((await click('copy-export', 'copy:lambda', 'copy:lambda:powershell')).copyExport).toHaveBeenCalledExactlyOnceWith('lambda', 'powershell');
  });

  it('opens the AWS console of a live role in the browser or a Rolecall window; idle roles are not offered', async () => {
    expect((await click('open-console', 'console:admin', 'console:admin:browser')).openConsole).toHaveBeenCalledExactlyOnceWith('admin', 'browser');
    expect((await click('open-console', 'console:lambda', 'console:lambda:rolecall')).openConsole).toHaveBeenCalledExactlyOnceWith('lambda', 'rolecall');
    expect(find(view.items, 'open-console').submenu?.map((item) => item.id)).toEqual(['console:admin', 'console:lambda']);
    expect(labels(find(view.items, 'console:admin').submenu ?? [])).toEqual(['In your browser', 'In a Rolecall window']);
    expect(has(buildTray(state(), EN).items, 'open-console')).toBe(false);
  });

  it('stops all, opens the window, installs the command and quits', async () => {
    expect((await click('stop-all')).stopAll).toHaveBeenCalledOnce();
    expect((await click('open')).openWindow).toHaveBeenCalledOnce();
    expect((await click('install-cli')).installCli).toHaveBeenCalledOnce();
    expect((await click('quit')).quit).toHaveBeenCalledOnce();
  });

  it('gives Electron the items as they are: headers disabled, checks kept, separators without a click', () => {
    const template = toMenuTemplate(view.items, () => {});
    expect(templateItem(template, 'user:dev-user')).toEqual({ type: 'normal', id: 'user:dev-user', label: 'dev-user', enabled: false });
    expect(templateItem(template, 'role:admin')).toMatchObject({ type: 'checkbox', checked: true });
    expect(template.filter((entry) => entry.type === 'separator').every((entry) => entry.click === undefined)).toBe(true);
  });

  it('passes an operation failure on to the caller', async () => {
    const ops = operations();
    ops.assume.mockRejectedValueOnce(new Error('AccessDenied'));
    await expect(dispatchTrayAction({ kind: 'assume', role: 'admin' }, ops)).rejects.toThrow('AccessDenied');
  });
});

/** Keys of a dictionary, dotted. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : keys(value as object, `${prefix}${key}.`)));
}

// Names that stay Latin in Japanese: products, shells, and the test's users and roles.
const NAMES = /AWS|IAM|MFA|CLI|Rolecall|PowerShell|bash|zsh|fish|dev-user|ci-bot|admin|deploy|audit|lambda/g;

describe('tray texts in English and Japanese', () => {
  const busy = state({
    users: [DEV_USER, { name: 'ci-bot', hasMfa: false }],
    roles: [ADMIN, DEPLOY, AUDIT, { name: 'lambda', user: 'dev-user', source: 'dev-user', direct: false }],
    sessions: [
      { role: 'admin', expiresAt: inMinutes(75), state: 'active' },
      { role: 'deploy', expiresAt: inMinutes(4), state: 'expiring' },
      { role: 'lambda', expiresAt: inMinutes(30), state: 'active' },
    ],
    needsMfaCode: ['audit'],
    renewal: [
      { role: 'admin', problem: 'needs-mfa-code' },
      { role: 'lambda', problem: 'failed' },
    ],
    platform: 'darwin',
  });

  it('has every English key in Japanese, and no other', () => {
    expect(keys(ja).sort()).toEqual(keys(en).sort());
  });

  it('speaks Japanese in the Japanese menu, with no English words left', () => {
    for (const view of [buildTray(busy, JA), buildTray(state({ users: [] }), JA), buildTray(state({ roles: [] }), JA)]) {
      for (const text of [...labels(view.items), view.tooltip, ...(view.title ? [view.title] : [])]) {
        expect(text.replace(NAMES, ''), text).not.toMatch(/[A-Za-z]/);
      }
    }
    const japanese = buildTray(busy, JA);
    expect(labels(japanese.items)).toEqual(
      expect.arrayContaining([
        'すべて停止',
        'Rolecall を開く',
        'Rolecall を終了',
        'エクスポートをコピー',
        'AWS コンソールを開く',
        'ブラウザで',
        'Rolecall のウィンドウで',
      ]),
    );
    expect(find(japanese.items, 'role:admin').label).toBe('admin — 残り 1 時間 15 分、延長には MFA コードが必要');
    expect(find(japanese.items, 'role:deploy').label).toBe('deploy（admin 経由） — まもなく終了（残り 4 分）');
    expect(find(japanese.items, 'role:audit').label).toBe('audit — MFA コードが必要…');
    expect(japanese.tooltip).toBe('Rolecall — deploy：残り 4 分（ほか 2 件）');
    expect(japanese.title).toBe('deploy 4分');
  });

  it('gives every item but separators a label in both languages', () => {
    for (const t of [EN, JA]) {
      const walk = (items: TrayItem[]): void =>
        items.forEach((item) => {
          if (item.type !== 'separator') expect(item.label?.trim(), JSON.stringify(item)).toBeTruthy();
          walk(item.submenu ?? []);
        });
      walk(buildTray(busy, t).items);
    }
  });

  it('follows the settings, or the OS locale for "system"', () => {
    expect(chosenLanguage('system', 'ja-JP')).toBe('ja');
    expect(chosenLanguage('system', 'ja')).toBe('ja');
    expect(chosenLanguage('system', 'en-US')).toBe('en');
    expect(chosenLanguage('system', 'fr')).toBe('en');
    expect(chosenLanguage('en', 'ja-JP')).toBe('en');
    expect(chosenLanguage('ja', 'en-US')).toBe('ja');
  });

  it('words the glue texts with their data as is', () => {
    expect(EN('cli.installedNotOnPath', { path: '/home/me/.local/bin/rolecall', dir: '/home/me/.local/bin' })).toBe(
      'The rolecall command is installed at /home/me/.local/bin/rolecall; add /home/me/.local/bin to your PATH to run it from any terminal.',
    );
    expect(JA('cli.installFailed', { reason: 'EACCES' })).toBe('rolecall コマンドをインストールできませんでした：EACCES');
    expect(JA('notification.assumeFailed.title', { role: 'admin' })).toBe('admin を引き受けられませんでした');
  });
});
