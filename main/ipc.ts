// Registers every IPC handler through one helper, which for each call: refuses a sender that is
// not our main frame at app://rolecall, validates the payload with the channel's schema, and
// turns errors into { ok: false, error } so no stack trace crosses to the renderer.
import type { z } from 'zod';
import { CHANNELS, type Channel, type ChannelRequest, type ChannelResponse, type IpcResult } from '../preload/contract';
import { isRolecallError } from './core/errors';
import { formatZodIssues } from './core/zod-message';
import { isAppUrl } from './app-protocol';
import { REQUEST_SCHEMAS } from './ipc-schemas';

/** The parts of Electron's IpcMainInvokeEvent the checks read (WebFrameMain: url, parent). */
export interface SenderEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

/** The part of Electron's ipcMain used here; tests pass a plain recording object. */
export interface IpcMainLike<E extends SenderEvent = SenderEvent> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => unknown): void;
}

export type Handlers = {
  [C in Channel]: (request: ChannelRequest<C>) => Promise<ChannelResponse<C>> | ChannelResponse<C>;
};

export interface RegisterOptions<E extends SenderEvent> {
  /** Defaults to isTrustedSender; main adds "and it is our window". */
  isTrustedSender?: (event: E) => boolean;
  /** Where unexpected errors are reported (main's log); never the renderer. */
  onUnexpectedError?: (channel: Channel, error: unknown) => void;
}

/**
 * SECURITY: only our own top-level frame at app://rolecall may call main: not a subframe, not a
 * page that navigated elsewhere, not a frame already gone (senderFrame null).
 */
export function isTrustedSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && frame.parent === null && isAppUrl(frame.url);
}

const UNEXPECTED = 'Something went wrong inside Rolecall.';

function failure(message: string, hint?: string): IpcResult<never> {
  return { ok: false, error: hint === undefined ? { message } : { message, hint } };
}

export function registerHandlers<E extends SenderEvent>(
  ipcMain: IpcMainLike<E>,
  handlers: Handlers,
  options: RegisterOptions<E> = {},
): void {
  const trusted = options.isTrustedSender ?? isTrustedSender;
  // Only the contract's channels get a handler: anything else has no listener in main at all.
  for (const channel of CHANNELS) {
    const schema = REQUEST_SCHEMAS[channel] as z.ZodType<unknown>;
    const handler = handlers[channel] as (request: unknown) => unknown;
    ipcMain.handle(channel, async (event, payload): Promise<IpcResult<unknown>> => {
      // SECURITY: refuses calls from foreign origins and subframes.
      if (!trusted(event)) return failure('Refused: the request did not come from the Rolecall window.');
      // SECURITY: the payload is untrusted input; it reaches the handler only once it fits the schema.
      const parsed = schema.safeParse(payload);
      if (!parsed.success) return failure(`Invalid request for ${channel}: ${formatZodIssues(parsed.error)}`);
      try {
        const data = await handler(parsed.data);
        return { ok: true, data };
      } catch (error) {
        if (isRolecallError(error)) return failure(error.message, error.hint);
        // SECURITY: unexpected errors are logged in main; the renderer gets no stack or internals.
        options.onUnexpectedError?.(channel, error);
        return failure(UNEXPECTED, 'See the log of the Rolecall app for details.');
      }
    });
  }
}
