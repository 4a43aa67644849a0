// The coloured bar of a role's console window (main/app/console-bar.ts): a colour of the role's own
// that white text reads on at WCAG AA whatever the hue, grey once the session has ended, a static
// page that can run nothing and names the role safely, and a layout that keeps the console below it.
import { describe, expect, it } from 'vitest';
import {
  CONSOLE_BAR_HEIGHT,
  CONSOLE_BAR_PARTITION,
  consoleBarUrl,
  consoleBarWebPreferences,
  consoleLayout,
  ENDED_COLOURS,
  roleColours,
} from '../../main/app/console-bar';
import { consolePartition } from '../../main/app/console-window';
import { PARTITION } from '../../main/app/window-security';

/** WCAG 2 contrast of an hsl(h s% l%) colour against white. */
function contrastWithWhite(hsl: string): number {
  const [h, s, l] = /hsl\((\d+) (\d+)% (\d+)%\)/.exec(hsl)!.slice(1).map(Number) as [number, number, number];
  const c = (1 - Math.abs((2 * l) / 100 - 1)) * (s / 100);
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l / 100 - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  const linear = (v: number) => (v + m <= 0.03928 ? (v + m) / 12.92 : ((v + m + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return 1.05 / (luminance + 0.05);
}

describe("the console window's bar", () => {
  it('gives each role a colour of its own, the same every time, that white text reads on', () => {
    expect(roleColours('admin')).toEqual(roleColours('admin'));
    expect(roleColours('admin').background).not.toBe(roleColours('deploy').background);
    const hues = new Set(['admin', 'deploy', 'readonly', 'billing', 'long-job', 'ops'].map((r) => roleColours(r).background));
    expect(hues.size).toBe(6);
    for (let hue = 0; hue < 360; hue++) {
      const background = roleColours('x').background.replace(/hsl\(\d+/, `hsl(${hue}`);
      expect(contrastWithWhite(background), background).toBeGreaterThanOrEqual(4.5);
    }
    expect(roleColours('admin').text).toBe('#ffffff');
    expect(ENDED_COLOURS.background).toBe('hsl(0 0% 32%)');
  });

  it("is a static page: no script allowed, the text escaped, in the window's language", () => {
    const url = consoleBarUrl('<img src=x onerror=alert(1)> admin — 59 min left', roleColours('admin'), 'ja');
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; admin — 59 min left');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('<html lang="ja">');
  });

  it('can do nothing: no script, no preload, no Node, its own in-memory partition', () => {
    const prefs = consoleBarWebPreferences();
    expect(prefs).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect('preload' in prefs).toBe(false);
    expect(CONSOLE_BAR_PARTITION).not.toBe(PARTITION);
    expect(CONSOLE_BAR_PARTITION).not.toBe(consolePartition('admin'));
    expect(CONSOLE_BAR_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('keeps the console below the bar at any size', () => {
    expect(consoleLayout(1280, 860)).toEqual({
      bar: { x: 0, y: 0, width: 1280, height: CONSOLE_BAR_HEIGHT },
      page: { x: 0, y: CONSOLE_BAR_HEIGHT, width: 1280, height: 860 - CONSOLE_BAR_HEIGHT },
    });
    expect(consoleLayout(640, 10).page.height).toBe(0);
  });
});
