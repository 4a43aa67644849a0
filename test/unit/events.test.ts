// main/app/events.ts: the one publisher that pushes events to the window. It sends only checked
// AppEvents and never throws: a failure is logged by name, never with its message.
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, type AppEvent } from '../../common/contract';
import { RolecallError } from '../../main/core/errors';
import { appEventSchema, createPublisher } from '../../main/app/events';
import { errorLabel, logError } from '../../main/app/log';

function fakeContents(destroyed = false) {
  return { isDestroyed: vi.fn(() => destroyed), send: vi.fn() };
}

describe('createPublisher', () => {
  it('sends each event to the live window on the event channel, as the bare AppEvent', () => {
    const contents = fakeContents();
    const publish = createPublisher(() => contents);
    publish({ type: 'catalog:changed' });
    publish({ type: 'sessions:changed' });
    expect(contents.send.mock.calls).toEqual([
      [EVENT_CHANNEL, { type: 'catalog:changed' }],
      [EVENT_CHANNEL, { type: 'sessions:changed' }],
    ]);
  });

  it('sends nothing when there is no window, or it is destroyed', () => {
    const destroyed = fakeContents(true);
    createPublisher(() => destroyed)({ type: 'catalog:changed' });
    expect(destroyed.send).not.toHaveBeenCalled();
    expect(() => createPublisher(() => undefined)({ type: 'catalog:changed' })).not.toThrow();
  });

  it('asks for the window on every event, so a window opened again gets them', () => {
    const window: { contents?: ReturnType<typeof fakeContents> } = {};
    const publish = createPublisher(() => window.contents);
    publish({ type: 'sessions:changed' });
    window.contents = fakeContents();
    publish({ type: 'sessions:changed' });
    expect(window.contents.send).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['an unknown type', { type: 'secrets:changed' }],
    ['extra data', { type: 'sessions:changed', sessionToken: 'x' }],
    ['not an object', 'catalog:changed'],
  ])('refuses to send %s, and reports it instead of throwing', (_label, event) => {
    const contents = fakeContents();
    const onError = vi.fn();
    expect(() => createPublisher(() => contents, onError)(event as unknown as AppEvent)).not.toThrow();
    expect(contents.send).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('never throws when the window fails to send, nor when reporting that fails', () => {
    const contents = {
      isDestroyed: () => false,
      send: vi.fn(() => {
        throw new Error('Object has been destroyed');
      }),
    };
    const onError = vi.fn();
    expect(() => createPublisher(() => contents, onError)({ type: 'sessions:changed' })).not.toThrow();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'Object has been destroyed' }));
    const throwingTarget = () => {
      throw new TypeError('no window');
    };
    const throwingReport = () => {
      throw new Error('log closed');
    };
    expect(() => createPublisher(throwingTarget, throwingReport)({ type: 'sessions:changed' })).not.toThrow();
  });

  it('logs a failure by default with the error name only', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      createPublisher(() => fakeContents())({ type: 'sessions:changed', sessionToken: 'FwoGZXIvYXdzSECRET' } as unknown as AppEvent);
      expect(spy).toHaveBeenCalledTimes(1);
      const line = String(spy.mock.calls[0]?.[0]);
      expect(line).toMatch(/^rolecall: an event could not be sent to the window: ZodError$/);
      expect(line).not.toContain('SECRET');
    } finally {
      spy.mockRestore();
    }
  });

  it('checks exactly the contract events', () => {
    // The compile-time checks in events.ts tie the schema to AppEvent; this is the runtime side.
    const all: AppEvent[] = [{ type: 'catalog:changed' }, { type: 'sessions:changed' }];
    for (const event of all) expect(appEventSchema.parse(event)).toEqual(event);
    expect(appEventSchema.safeParse({ type: 'catalog:changed', extra: 1 }).success).toBe(false);
  });
});

describe('main log lines', () => {
  it("name the error, and a RolecallError's code, never a message", () => {
    expect(errorLabel(new TypeError('AKIA… wJalrXUtnFEMI/K7MDENG'))).toBe('TypeError');
    expect(errorLabel(new RolecallError('The keychain holds wJalrXUtnFEMI', undefined, 'KeychainUnavailable'))).toBe('RolecallError (KeychainUnavailable)');
    expect(errorLabel('a thrown string with a secret')).toBe('string');
    const lines: string[] = [];
    logError('session:assume failed', new RolecallError('secret words', 'hint words', 'AccessDenied'), (line) => void lines.push(line));
    expect(lines).toEqual(['rolecall: session:assume failed: RolecallError (AccessDenied)']);
  });
});
