// The app:// protocol: serves the built renderer (out/renderer) to the window, so pages never
// come from file:// (which would give them the whole disk as their origin). Pure Node: the handler
// is a function from URL to Response, unit-tested and reused by the renderer's e2e server.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './window-security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'rolecall';
/** Where the window starts. */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Whether a URL is our app origin (app://rolecall). Used for IPC sender checks as well. */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps a URL path to a file under `root`, or null when it would leave `root`. The path is
 * decoded first so that encoded traversal (`%2e%2e%2f`) is judged after decoding, then resolved,
 * then checked to still be inside `root`.
 */
export function resolveAppPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // SECURITY: refuses NUL tricks, Windows separators and any parent segment, whatever the encoding.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, relative);
  // SECURITY: path traversal: the resolved file must stay inside the renderer folder.
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}

/** Like resolveAppPath, for a full app://rolecall/… URL; anything else is refused. */
export function resolveAppUrl(root: string, raw: string): string | null {
  if (!isAppUrl(raw)) return null;
  return resolveAppPath(root, new URL(raw).pathname);
}

/** Headers on every app:// response, errors included. */
export function securityHeaders(): Record<string, string> {
  return {
    // SECURITY: the strict CSP (no inline or eval'd script) on every page the window loads.
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // SECURITY: stops the renderer guessing a script out of a file served as something else.
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** The protocol handler: app://rolecall/<path> → the file under `root`, with the security headers. */
export function createAppProtocolHandler(root: string, read: (file: string) => Promise<Uint8Array> = readFile) {
  return async (request: { url: string; method?: string }): Promise<Response> => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveAppUrl(root, request.url);
    if (!file) return plain(403, 'Forbidden');
    let body: Uint8Array;
    try {
      body = await read(file);
    } catch {
      return plain(404, 'Not found');
    }
    return new Response(body, { status: 200, headers: { ...securityHeaders(), 'Content-Type': contentType(file) } });
  };
}
