// The window's own words, as the Chromium walks look for them: each language's dictionary (to find
// buttons by what that language calls them), the fixed part of a message, and the Latin words of a
// page's UI text outside data (the Japanese window must show none but product and protocol names).
import type { Page } from 'playwright-core';

/**
 * Words that may appear in the Japanese window outside data (translate="no"): product and
 * protocol names that Japanese UIs write in Latin letters too.
 */
export const LATIN_ALLOWED = new Set(['AWS', 'IAM', 'MFA', 'ARN', 'CLI', 'STS', 'ID', 'OS', 'Rolecall', 'bash', 'zsh', 'fish', 'PowerShell', 'h', 'min']);

/**
 * Runs in the page: visible UI text and the labels, placeholders and titles of elements, outside
 * translate="no" (data: names, ARNs, AWS's verbatim words). A string, because this file is
 * type-checked as Node code, without the DOM's types.
 */
const UI_TEXT_IN_PAGE = `(() => {
  const found = [];
  const isData = (node) => !!(node instanceof Element ? node : node.parentElement)?.closest('[translate="no"]');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || isData(node) || parent.closest('script,style') || !parent.checkVisibility()) continue;
    found.push(node.textContent);
  }
  for (const element of document.body.querySelectorAll('[placeholder],[aria-label],[title]')) {
    if (isData(element)) continue;
    for (const attribute of ['placeholder', 'aria-label', 'title']) found.push(element.getAttribute(attribute) ?? '');
  }
  return found.join(' ');
})()`;

/** Latin words in the page's UI text, apart from the allowed names. */
export async function latinWords(page: Page): Promise<string[]> {
  const text = (await page.evaluate(UI_TEXT_IN_PAGE)) as string;
  return [...new Set(text.match(/[A-Za-z][A-Za-z’'-]*/g) ?? [])].filter((word) => !LATIN_ALLOWED.has(word));
}

/** The longest fixed piece of a message (between its {{placeholders}} and <name> tags). */
export function fixedPart(text: string): string {
  const pieces = text
    .replace(/<\/?\w+>/g, '')
    .split(/\{\{\w+\}\}/)
    .map((piece) => piece.trim());
  return pieces.reduce((longest, piece) => (piece.length > longest.length ? piece : longest), '');
}

/**
 * The window's own dictionaries, so the walk finds buttons by what each language calls them.
 * Loaded at run time: they are renderer code, type-checked with the renderer's config.
 */
export async function dictionary(lang: string): Promise<(key: string) => string> {
  const messages = ((await import(`../../renderer/src/i18n/${lang}.ts`)) as Record<string, unknown>)[lang];
  return (key) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    if (typeof text !== 'string') throw new Error(`${lang}: no text for ${key}`);
    return text;
  };
}
