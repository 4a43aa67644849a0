// The coloured bar across the top of a role's console window: the role's name and its time left
// (or that its session has ended), in a colour of the role's own, so `admin` and `deploy` open side
// by side cannot be told apart only by a title bar the OS may hide. Pure data, unit-tested; the
// glue (main/electron/console-windows.ts) shows it as a view of its own above the console.
//
// SECURITY: the bar is a static page built here: no script (JavaScript is off in its view), no
// preload, no network (its CSP allows nothing but its inline style), in a partition of its own that
// lives in memory. Nothing of the console page can reach it, nor it the console.
import type { WebPreferences } from 'electron';
import { LOCKED_DOWN } from './window-security';

/** Its height in CSS pixels; the console view starts below it. */
export const CONSOLE_BAR_HEIGHT = 30;

/** The bar's own in-memory partition: never a role's console partition, never the main window's. */
export const CONSOLE_BAR_PARTITION = 'rolecall-console-bar';

export interface BarColours {
  background: string;
  text: string;
}

/** Stands out on every role: the session has ended. */
export const ENDED_COLOURS: BarColours = { background: 'hsl(0 0% 32%)', text: '#ffffff' };

/**
 * A colour of the role's own, the same every time for the same name: a hue from the name's hash,
 * dark enough that white text on it reads at WCAG AA: at 60% saturation and 28% lightness every
 * hue stays above 4.5:1 against white (yellow, the lightest, is about 5:1; the test checks all 360).
 */
export function roleColours(role: string): BarColours {
  // FNV-1a: small, stable across runs and platforms, spreads similar names apart.
  let hash = 0x811c9dc5;
  for (const char of role) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return { background: `hsl(${hash % 360} 60% 28%)`, text: '#ffffff' };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`);
}

/** The bar as a data: URL: the text given (the window's title), in the role's colours or the ended ones. */
export function consoleBarUrl(text: string, colours: BarColours, language: string): string {
  const html =
    `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
    `<style>html,body{margin:0;height:100%;overflow:hidden}body{display:flex;align-items:center;padding:0 12px;` +
    `background:${colours.background};color:${colours.text};font:600 13px system-ui,sans-serif;` +
    `white-space:nowrap;text-overflow:ellipsis;user-select:none;cursor:default}</style></head>` +
    `<body>${escapeHtml(text)}</body></html>`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(html)}`;
}

/** The bar's webPreferences: a static page that can do nothing at all. */
export function consoleBarWebPreferences(): WebPreferences {
  return {
    ...LOCKED_DOWN,
    // SECURITY: no script runs in the bar.
    javascript: false,
    navigateOnDragDrop: false,
    devTools: false,
    partition: CONSOLE_BAR_PARTITION,
  };
}

/** Where the bar and the console sit in a content area of this size. */
export function consoleLayout(width: number, height: number) {
  const bar = Math.min(CONSOLE_BAR_HEIGHT, height);
  return {
    bar: { x: 0, y: 0, width, height: bar },
    page: { x: 0, y: bar, width, height: Math.max(0, height - bar) },
  };
}
