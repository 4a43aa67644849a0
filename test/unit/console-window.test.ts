// The Rolecall console window's security decisions, tested in plain Node as the main window's are
// (window-security.test.ts): its webPreferences against rules written out here, its in-memory
// partition of the role's own, where it may navigate, which permissions it gets, and its title.
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_ALLOWED_PERMISSIONS,
  consoleNavigation,
  consolePartition,
  consolePermission,
  consoleWebPreferences,
  consoleWindowOptions,
  consoleWindowTitle,
  nextTitleChangeMs,
} from '../../main/app/console-window';
import { createMainTranslator, formatMinutes } from '../../main/app/i18n';
import { PARTITION } from '../../main/app/window-security';

describe('the console window', () => {
  it('has no preload, and the sandbox, isolation and web security on, Node and webviews off', () => {
    const prefs = consoleWebPreferences('admin', true);
    expect(prefs).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
      partition: 'role-console:admin',
      spellcheck: false,
    });
    expect('preload' in prefs).toBe(false);
    // The window holds views (the bar, the page): the page's preferences are these, the window has none.
    expect(consoleWindowOptions('admin')).toEqual({ title: 'admin', width: 1280, height: 860, minWidth: 640, minHeight: 480, show: false });
  });

  it('signs each role in its own partition, in memory only, never the main window’s', () => {
    expect(consolePartition('admin')).toBe('role-console:admin');
    expect(consolePartition('deploy')).not.toBe(consolePartition('admin'));
    for (const role of ['admin', 'deploy', 'rolecall']) {
      expect(consolePartition(role)).not.toBe(PARTITION);
      expect(consolePartition(role).startsWith('persist:')).toBe(false);
    }
  });

  it.each([
    ['the console home', 'https://console.aws.amazon.com/console/home?region=us-east-1', 'allow'],
    ['a regional console', 'https://eu-west-1.console.aws.amazon.com/ec2/home', 'allow'],
    ['the sign-in endpoint', 'https://signin.aws.amazon.com/federation?Action=login', 'allow'],
    ['documentation', 'https://docs.aws.amazon.com/IAM/', 'external'],
    ['a lookalike host', 'https://console.aws.amazon.com.evil.example/', 'external'],
    ['another partition’s console', 'https://console.amazonaws.cn/', 'external'],
    ['plain http', 'http://console.aws.amazon.com/', 'deny'],
    ['credentials in the URL', 'https://user:pw@console.aws.amazon.com/', 'deny'],
    ['an explicit port', 'https://console.aws.amazon.com:8443/', 'external'],
    ['Rolecall’s own pages', 'app://rolecall/index.html', 'deny'],
    ['file:', 'file:///etc/passwd', 'deny'],
    ['javascript:', 'javascript:alert(1)', 'deny'],
    ['not a URL', 'console.aws.amazon.com', 'deny'],
  ])('navigation to %s: %s', (_label, url, expected) => {
    expect(consoleNavigation('aws', url)).toBe(expected);
  });

  it('keeps a China or GovCloud role on its own partition’s hosts, and a test endpoint when given', () => {
    expect(consoleNavigation('aws-cn', 'https://console.amazonaws.cn/console/home')).toBe('allow');
    expect(consoleNavigation('aws-cn', 'https://signin.amazonaws.cn/federation')).toBe('allow');
    expect(consoleNavigation('aws-cn', 'https://console.aws.amazon.com/')).toBe('external');
    expect(consoleNavigation('aws-us-gov', 'https://console.amazonaws-us-gov.com/')).toBe('allow');
    expect(consoleNavigation('aws', 'http://127.0.0.1:4000/console/home', 'http://127.0.0.1:4000')).toBe('allow');
    expect(consoleNavigation('aws', 'http://127.0.0.1:4001/console/home', 'http://127.0.0.1:4000')).toBe('deny');
  });

  it('denies every permission but the clipboard write', () => {
    expect([...CONSOLE_ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    expect(consolePermission('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'fullscreen', 'hid', 'usb', 'serial', 'pointerLock']) {
      expect(consolePermission(permission), permission).toBe(false);
    }
  });

  it('names the role and its time left in the title, and says when the session has ended, in English and Japanese', () => {
    const now = Date.parse('2030-01-01T12:00:00.000Z');
    for (const [language, live, ended] of [
      ['en', 'admin — 42 min left — AWS console (Rolecall)', /^admin — the role session has ended/],
      ['ja', 'admin — 残り 42 分 — AWS コンソール（Rolecall）', /^admin — ロールのセッションは終了しました/],
    ] as const) {
      const t = createMainTranslator(language);
      const texts = { live: (v: { role: string; time: string }) => t('consoleWindow.live', v), ended: (v: { role: string }) => t('consoleWindow.ended', v) };
      const minutes = (m: number) => formatMinutes(m, t);
      expect(consoleWindowTitle('admin', now + 42 * 60_000 + 5_000, now, texts, minutes)).toBe(live);
      expect(consoleWindowTitle('admin', now, now, texts, minutes)).toMatch(ended);
    }
    expect(nextTitleChangeMs(now + 42 * 60_000 + 5_000, now)).toBe(5_000);
    expect(nextTitleChangeMs(now + 60_000, now)).toBe(60_000);
    expect(nextTitleChangeMs(now, now)).toBeUndefined();
  });
});
