// The window's security decisions, tested in plain Node: webPreferences, the CSP, the external
// URL allowlist and the app:// path resolution (traversal, encoded traversal, foreign URLs).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppPath, resolveAppUrl } from '../../main/app/app-protocol';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, PARTITION, isAllowedExternalUrl, secureWebPreferences } from '../../main/app/window-security';
import { EXPECTED_WEB_PREFERENCES } from '../support/secure-web-preferences';

describe('webPreferences', () => {
  it('keeps the sandbox, isolation and web security on, and Node off', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs', true);
    expect(prefs).toMatchObject({ preload: '/app/out/preload/index.cjs', ...EXPECTED_WEB_PREFERENCES });
    expect(PARTITION).toBe('persist:rolecall');
  });

  it('allows devtools only when not packaged', () => {
    expect(secureWebPreferences('p', true).devTools).toBe(false);
    expect(secureWebPreferences('p', false).devTools).toBe(true);
  });
});

describe('content security policy', () => {
  it('has no unsafe-eval, unsafe-inline or wildcard sources', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY]) {
      expect(policy).not.toMatch(/unsafe-eval|unsafe-inline|unsafe-hashes|\*/);
    }
  });

  it('restricts scripts to the app and forbids plugins, base and form targets, and framing', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d] as const));
    expect(directives.get('default-src')).toBe("default-src 'self'");
    expect(directives.get('script-src')).toBe("script-src 'self'");
    expect(directives.get('object-src')).toBe("object-src 'none'");
    expect(directives.get('base-uri')).toBe("base-uri 'none'");
    expect(directives.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directives.get('form-action')).toBe("form-action 'none'");
  });

  it('is mirrored in renderer/index.html (minus frame-ancestors, which a meta tag cannot carry)', () => {
    const html = readFileSync(resolve('renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
    expect(META_CONTENT_SECURITY_POLICY).not.toContain('frame-ancestors');
    // No inline script in the page: every <script> has a src.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('external URL allowlist', () => {
  it('opens https documentation links', () => {
    expect(isAllowedExternalUrl('https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles.html')).toBe(true);
    expect(isAllowedExternalUrl('https://DOCS.aws.amazon.com/STS/')).toBe(true);
  });

  it.each([
    ['plain http', 'http://docs.aws.amazon.com/'],
    ['a lookalike suffix host', 'https://docs.aws.amazon.com.evil.com/'],
    ['a lookalike prefix host', 'https://evildocs.aws.amazon.com/'],
    ['credentials before the host', 'https://docs.aws.amazon.com@evil.com/'],
    ['an explicit port', 'https://docs.aws.amazon.com:8443/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: hiding the host in a comment', 'javascript://docs.aws.amazon.com/%0aalert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['our own app origin', 'app://rolecall/index.html'],
    ['a host not on the list', 'https://example.com/'],
    ['not a URL', 'docs.aws.amazon.com'],
    ['an empty string', ''],
  ])('refuses %s', (_label, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

describe('app:// path resolution', () => {
  const root = resolve('/srv/rolecall/out/renderer');

  it('maps the root to index.html and assets to files under the renderer folder', () => {
    expect(resolveAppUrl(root, 'app://rolecall/')).toBe(join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://rolecall/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppUrl(root, 'app://rolecall/assets/index-abc.js?v=1#x')).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppUrl(root, 'app://rolecall/assets/with%20space.css')).toBe(join(root, 'assets', 'with space.css'));
  });

  it.each([
    ['../ traversal', '/../../etc/passwd'],
    ['nested ../ traversal', '/assets/../../secret'],
    ['encoded dots', '/%2e%2e/%2e%2e/etc/passwd'],
    ['encoded slashes', '/..%2f..%2fetc%2fpasswd'],
    ['fully encoded', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd'],
    ['mixed-case encoding', '/%2E%2E%2F%2e%2E%2Fetc%2Fpasswd'],
    ['backslashes', '/..\\..\\etc\\passwd'],
    ['encoded backslashes', '/..%5c..%5cetc%5cpasswd'],
    ['NUL bytes', '/index.html%00.png'],
    ['malformed encoding', '/%E0%A4%A'],
  ])('refuses %s', (_label, pathname) => {
    expect(resolveAppPath(root, pathname)).toBeNull();
  });

  it('refuses other schemes and hosts', () => {
    expect(resolveAppUrl(root, 'app://evil/index.html')).toBeNull();
    expect(resolveAppUrl(root, 'file:///srv/rolecall/out/renderer/index.html')).toBeNull();
    expect(resolveAppUrl(root, 'https://rolecall/index.html')).toBeNull();
    expect(resolveAppUrl(root, 'not a url')).toBeNull();
  });

  it('serves files with the CSP header and refuses traversal with 403', async () => {
    const files = new Map([[join(root, 'index.html'), new TextEncoder().encode('<!doctype html>')]]);
    const handler = createAppProtocolHandler(root, async (file) => {
      const body = files.get(file);
      if (!body) throw new Error('ENOENT');
      return body;
    });
    const ok = await handler({ url: 'app://rolecall/index.html', method: 'GET' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await ok.text()).toBe('<!doctype html>');

    const traversal = await handler({ url: 'app://rolecall/..%2f..%2fetc%2fpasswd' });
    expect(traversal.status).toBe(403);
    expect(traversal.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);

    expect((await handler({ url: 'app://rolecall/missing.js' })).status).toBe(404);
    expect((await handler({ url: 'app://rolecall/index.html', method: 'POST' })).status).toBe(405);
  });
});
