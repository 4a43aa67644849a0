// @vitest-environment jsdom
// How a failure reads in the window: the page's own sentence for a code it knows, core's or AWS's
// words verbatim beneath it as data, and core's terminal-minded hint only when the page has no
// sentence of its own.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcError } from '../../common/contract';
import { GENERIC_ERROR_CODES, WORDED_ERROR_CODES, type ErrorCode } from '../../common/error-codes';
import { errorKey } from '../../renderer/src/errors/codes';
import { ErrorText } from '../../renderer/src/errors/ErrorText';
import { I18nProvider, type Language } from '../../renderer/src/i18n';
import { en } from '../../renderer/src/i18n/en';

afterEach(cleanup);

function show(error: IpcError, language: Language = 'en') {
  render(
    <I18nProvider language={language}>
      <ErrorText error={error} />
    </I18nProvider>,
  );
}

describe('ErrorText', () => {
  it('words a known code in the UI language and keeps AWS’s message as data, without the CLI hint', () => {
    show({ code: 'Throttling', message: 'AWS is throttling STS requests (Rate exceeded).', hint: 'Wait a few seconds and try again.' }, 'ja');
    expect(screen.getByText('AWS がリクエストを制限しています。数秒待ってからもう一度試してください。')).toBeTruthy();
    expect(screen.getByText('AWS is throttling STS requests (Rate exceeded).').getAttribute('translate')).toBe('no');
    expect(screen.queryByText('Wait a few seconds and try again.')).toBeNull();
  });

  it('falls back to a generic sentence and shows the hint for a code it does not know', () => {
    show({ code: 'RegionDisabledException', message: 'AWS refused assuming admin: STS is not activated in this region.', hint: 'Activate STS in that region.' });
    expect(screen.getByText('The operation failed.')).toBeTruthy();
    expect(screen.getByText('Activate STS in that region.').getAttribute('translate')).toBe('no');
  });

  it('words core’s chain, keychain, file and IPC codes in the UI language rather than the generic sentence', () => {
    const codes = ['ChainTooLong', 'MissingSource', 'UnknownRole', 'DirectFromRole', 'MissingSecret', 'FileAccess', 'FileLocked'] as const;
    const more = ['UnmanagedProfile', 'ProfileOverridden', 'InvalidProfileName', 'LockCompromised', 'Refused', 'UnknownChannel'] as const;
    for (const code of [...codes, ...more]) expect(errorKey({ code }), code).toBe(`errors.${code}`);
    show({ code: 'FileLocked', message: 'Another Rolecall process is holding the lock on the catalog (~/.config/Rolecall/catalog.lock).' }, 'ja');
    expect(screen.getByText('別の Rolecall がロックを保持しています。少し待ってからもう一度試してください。')).toBeTruthy();
  });

  it('says a change refused while Rolecall quits was not made, in both languages', () => {
    expect(errorKey({ code: 'Quitting' })).toBe('errors.Quitting');
    show({ code: 'Quitting', message: 'Rolecall is quitting; the change was not made.' });
    expect(screen.getByText('Rolecall is quitting: the change was not made.')).toBeTruthy();
    cleanup();
    show({ code: 'Quitting', message: 'Rolecall is quitting; the change was not made.' }, 'ja');
    expect(screen.getByText('Rolecall を終了しているため、変更は行われませんでした。')).toBeTruthy();
  });

  it('knows every code the dictionary has a sentence for', () => {
    for (const code of WORDED_ERROR_CODES) expect(errorKey({ code }), code).toBe(`errors.${code}`);
    expect(Object.keys(en.errors).sort()).toEqual([...WORDED_ERROR_CODES, 'fallback'].sort());
  });

  it('gives the generic sentence, with core’s hint, to the codes common/ leaves unworded', () => {
    for (const code of GENERIC_ERROR_CODES) expect(errorKey({ code }), code).toBe('errors.fallback');
  });

  it('treats a code outside the union (a main of another version) as unknown', () => {
    expect(errorKey({ code: 'SomethingNew' as ErrorCode })).toBe('errors.fallback');
  });
});
