// @vitest-environment jsdom
// The first screen against a fake bridge: empty state and catalog list, in English and Japanese;
// and the dictionaries themselves: ja has every en key, non-empty, with the same placeholders.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppEvent, CatalogListView, Channel, IpcResult, RolecallApi } from '../../preload/contract';
import { App } from '../../renderer/src/App';
import { en } from '../../renderer/src/i18n/en';
import { ja } from '../../renderer/src/i18n/ja';
import { CATALOG } from '../support/catalog-view';
import { createI18n, detectLanguage, I18nProvider, type Language } from '../../renderer/src/i18n';

const EMPTY: CatalogListView = { users: [], roles: [] };

/** A nested dictionary as dotted key → text, the way t() addresses it. */
function flatten(tree: object, prefix = ''): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') flat[prefix + key] = value;
    else Object.assign(flat, flatten(value as object, `${prefix}${key}.`));
  }
  return flat;
}

/** The {{placeholder}} names of a text (without any ", format"), sorted. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? '').sort();
}

function fakeBridge(catalog: CatalogListView | IpcResult<never>) {
  const listeners = new Set<(event: AppEvent) => void>();
  const bridge: RolecallApi = {
    invoke: vi.fn(async (channel: Channel) => {
      if ('ok' in catalog) return catalog;
      if (channel === 'catalog:list') return { ok: true, data: catalog };
      return { ok: false, error: { message: 'unexpected channel' } };
    }) as RolecallApi['invoke'],
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { bridge, listeners };
}

function renderApp(language: Language, bridge: RolecallApi | undefined) {
  return render(
    <I18nProvider language={language}>
      <App bridge={bridge} />
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('App, English', () => {
  it('shows the empty state with the first step', async () => {
    const { bridge } = fakeBridge(EMPTY);
    renderApp('en', bridge);
    expect(await screen.findByRole('heading', { name: en.empty.title })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Rolecall' })).toBeTruthy();
    expect(screen.getByText(/rolecall user add/)).toBeTruthy();
    expect(bridge.invoke).toHaveBeenCalledWith('catalog:list', {});
    expect(document.documentElement.lang).toBe('en');
  });

  it('lists users and roles', async () => {
    const { bridge } = fakeBridge(CATALOG);
    renderApp('en', bridge);
    expect(await screen.findByRole('heading', { name: en.catalog.usersHeading })).toBeTruthy();
    expect(screen.getByText('dev-user')).toBeTruthy();
    expect(screen.getByText('AKIAIOSFODNN7EXAMPLE')).toBeTruthy();
    expect(screen.getByText(en.catalog.keyInKeychain)).toBeTruthy();
    expect(screen.getByText('admin')).toBeTruthy();
    expect(screen.getByText('arn:aws:iam::123456789012:role/exec-lambda')).toBeTruthy();
    expect(screen.getByText(en.catalog.directMode)).toBeTruthy();
    expect(screen.getByText(en.catalog.mfaSessionMode)).toBeTruthy();
    expect(screen.getByText(/profile lambda/)).toBeTruthy();
    expect(screen.queryByText(en.empty.title)).toBeNull();
  });

  it('reloads when main says the catalog changed', async () => {
    let current = EMPTY;
    const { bridge, listeners } = fakeBridge(EMPTY);
    bridge.invoke = vi.fn(async () => ({ ok: true, data: current })) as RolecallApi['invoke'];
    renderApp('en', bridge);
    await screen.findByRole('heading', { name: en.empty.title });
    current = CATALOG;
    for (const listener of listeners) listener({ type: 'catalog:changed' });
    expect(await screen.findByText('dev-user')).toBeTruthy();
  });

  it('shows an error from main with its hint', async () => {
    const { bridge } = fakeBridge({ ok: false, error: { message: 'The OS keychain is not reachable.', hint: 'Unlock it.' } });
    renderApp('en', bridge);
    expect(await screen.findByText('The OS keychain is not reachable.')).toBeTruthy();
    expect(screen.getByText('Unlock it.')).toBeTruthy();
    expect(screen.getByText(en.app.loadFailed)).toBeTruthy();
  });

  it('says so when there is no bridge', () => {
    renderApp('en', undefined);
    expect(screen.getByRole('alert').textContent).toBe(en.app.bridgeMissing);
  });
});

describe('App, Japanese', () => {
  it('shows the empty state with no English left but names, acronyms and the command', async () => {
    const { bridge } = fakeBridge(EMPTY);
    const { container } = renderApp('ja', bridge);
    expect(await screen.findByRole('heading', { name: ja.empty.title })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');

    // The command is code, identical in every language; take it out before looking for English.
    const copy = container.cloneNode(true) as HTMLElement;
    for (const code of copy.querySelectorAll('code, pre')) code.remove();
    // Text nodes joined with spaces, so words of adjacent elements stay apart.
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    while (walker.nextNode()) texts.push(walker.currentNode.textContent ?? '');
    const prose = texts.join(' ');
    for (const value of Object.values(flatten(en))) {
      if (!/^(Rolecall)$/.test(value)) expect(prose).not.toContain(value);
    }
    const ALLOWED = /\b(Rolecall|IAM|OS|AWS|MFA|ID)\b/g;
    expect(prose.replace(ALLOWED, '')).not.toMatch(/[A-Za-z]/);
  });

  it('lists users and roles with Japanese labels', async () => {
    const { bridge } = fakeBridge(CATALOG);
    renderApp('ja', bridge);
    expect(await screen.findByRole('heading', { name: ja.catalog.usersHeading })).toBeTruthy();
    expect(screen.getByRole('heading', { name: ja.catalog.rolesHeading })).toBeTruthy();
    expect(screen.getByText(ja.catalog.keyInKeychain)).toBeTruthy();
    expect(screen.getByText(ja.catalog.directMode)).toBeTruthy();
    expect(screen.getByText(ja.catalog.mfaSessionMode)).toBeTruthy();
    expect(screen.getAllByText(/dev-user から引き受け/)).toHaveLength(2);
    expect(screen.queryByText(en.catalog.keyInKeychain)).toBeNull();
  });
});

describe('detectLanguage', () => {
  it('picks Japanese for ja tags and English otherwise', () => {
    expect(detectLanguage('ja')).toBe('ja');
    expect(detectLanguage('ja-JP')).toBe('ja');
    expect(detectLanguage('JA-jp')).toBe('ja');
    expect(detectLanguage('en-US')).toBe('en');
    expect(detectLanguage('fr-FR')).toBe('en');
    expect(detectLanguage(undefined)).toBe('en');
  });

  it('is what the provider uses by default (navigator.language)', async () => {
    const spy = vi.spyOn(navigator, 'language', 'get').mockReturnValue('ja-JP');
    const { bridge } = fakeBridge(EMPTY);
    render(
      <I18nProvider>
        <App bridge={bridge} />
      </I18nProvider>,
    );
    expect(await screen.findByRole('heading', { name: ja.empty.title })).toBeTruthy();
    spy.mockRestore();
  });
});

describe('dictionaries', () => {
  const english = flatten(en);
  const japanese = flatten(ja);

  it('has every English key in Japanese, non-empty, and nothing more', () => {
    expect(Object.keys(english).length).toBeGreaterThan(0);
    for (const [key, text] of Object.entries(english)) {
      expect(text.trim(), `en ${key}`).not.toBe('');
      expect(typeof japanese[key], `ja ${key}`).toBe('string');
      expect(japanese[key]?.trim(), `ja ${key}`).not.toBe('');
    }
    expect(Object.keys(japanese).sort()).toEqual(Object.keys(english).sort());
  });

  it('has the same interpolation placeholders in both languages', () => {
    for (const [key, text] of Object.entries(english)) {
      expect(placeholders(japanese[key] ?? ''), key).toEqual(placeholders(text));
    }
    // The check can see a placeholder at all.
    expect(placeholders(en.catalog.roleSource)).toEqual(['source']);
  });

  it('interpolates through i18next, without escaping (React does that)', () => {
    const i18n = createI18n('ja');
    expect(i18n.t('catalog.roleSource', { source: '<dev-user>' })).toBe('<dev-user> から引き受け');
    expect(createI18n('en').t('catalog.roleProfile', { profile: 'lambda' })).toBe('profile lambda');
    // @ts-expect-error a key en does not have is a type error
    expect(i18n.t('catalog.noSuchKey')).toBe('catalog.noSuchKey');
  });

  it('keeps instances apart and falls back to English for an unsupported language', async () => {
    const english = createI18n('en');
    const japanese = createI18n('ja');
    expect(english.t('empty.title')).toBe(en.empty.title);
    expect(japanese.t('empty.title')).toBe(ja.empty.title);
    await english.changeLanguage('fr');
    expect(english.t('empty.title')).toBe(en.empty.title);
    expect(japanese.t('empty.title')).toBe(ja.empty.title);
  });
});

describe('I18nProvider', () => {
  it('switches language when told explicitly (a setting overriding navigator.language)', async () => {
    const { bridge } = fakeBridge(EMPTY);
    const { rerender } = renderApp('en', bridge);
    expect(await screen.findByRole('heading', { name: en.empty.title })).toBeTruthy();
    await act(async () => {
      rerender(
        <I18nProvider language="ja">
          <App bridge={bridge} />
        </I18nProvider>,
      );
    });
    expect(await screen.findByRole('heading', { name: ja.empty.title })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
  });
});
