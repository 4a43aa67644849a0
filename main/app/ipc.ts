// Registers every IPC handler (one per window operation of the table) through one helper, which for each call: refuses a sender that is
// not our main frame at app://rolecall, validates the payload with the operation's input schema, and
// turns errors into { ok: false, error: { code, … } } so no stack trace crosses to the renderer
// and the page can word each failure in its own language.
import type { z } from 'zod';
import { CHANNELS, type Channel, type ChannelRequest, type ChannelResponse, type IpcError, type IpcResult } from '../../common/contract';
import { InvalidInputError, isRolecallError, MfaCodeRequiredError, type RolecallError } from '../core/errors';
import { firstIssueField, formatZodIssues } from '../core/zod-message';
import { isAppUrl } from './app-protocol';
import { OPERATIONS } from '../../common/operations';

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

/** The codes main itself answers with; anything else is a RolecallError's code from core. */
export const IPC_ERROR_CODES = {
  /** The sender is not our main frame at app://rolecall. */
  refused: 'Refused',
  /** The payload does not fit the channel's schema; `field` names the first field refused. */
  invalidRequest: 'InvalidRequest',
  /** A bug: its details stay in main's log. */
  unexpected: 'Unexpected',
} as const;

/** `{ key: value }` when the value is there, `{}` otherwise: optional fields stay absent, not undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function failure(error: IpcError): IpcResult<never> {
  return { ok: false, error };
}

/** A RolecallError as the page needs it: its code and words, the MFA user or refused field when it has one. */
export function toIpcError(error: RolecallError): IpcError {
  return {
    code: error.code,
    message: error.message,
    ...optional('hint', error.hint),
    ...optional('user', error instanceof MfaCodeRequiredError ? error.userName : undefined),
    ...optional('field', error instanceof InvalidInputError ? error.field : undefined),
  };
}

export function registerHandlers<E extends SenderEvent>(ipcMain: IpcMainLike<E>, handlers: Handlers, options: RegisterOptions<E> = {}): void {
  const trusted = options.isTrustedSender ?? isTrustedSender;
  // Only the contract's channels get a handler: anything else has no listener in main at all.
  for (const channel of CHANNELS) {
    const schema: z.ZodType<unknown> = OPERATIONS[channel].input;
    const handler = handlers[channel] as (request: unknown) => unknown;
    ipcMain.handle(channel, async (event, payload): Promise<IpcResult<unknown>> => {
      // SECURITY: refuses calls from foreign origins and subframes.
      if (!trusted(event)) {
        return failure({ code: IPC_ERROR_CODES.refused, message: 'Refused: the request did not come from the Rolecall window.' });
      }
      // SECURITY: the payload is untrusted input; it reaches the handler only once it fits the schema.
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const field = firstIssueField(parsed.error);
        return failure({
          code: IPC_ERROR_CODES.invalidRequest,
          message: `Invalid request for ${channel}: ${formatZodIssues(parsed.error)}`,
          ...optional('field', field),
        });
      }
      try {
        const data = await handler(parsed.data);
        return { ok: true, data };
      } catch (error) {
        if (isRolecallError(error)) return failure(toIpcError(error));
        // SECURITY: unexpected errors are logged in main; the renderer gets no stack or internals.
        options.onUnexpectedError?.(channel, error);
        return failure({
          code: IPC_ERROR_CODES.unexpected,
          message: 'Something went wrong inside Rolecall.',
          hint: 'See the log of the Rolecall app for details.',
        });
      }
    });
  }
}
