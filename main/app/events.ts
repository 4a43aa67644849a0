// How main tells the window that something changed. Electron-free, so it is tested as it is.
// Events carry no data (the page asks again through invoke), and they go out through one
// function that sends only a checked AppEvent to a window that is still there.
import { z } from 'zod';
import { EVENT_CHANNEL, type AppEvent } from '../../common/contract';
import { logError } from './log';

/** The part of Electron's WebContents the publisher uses. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** Every AppEvent of the contract, and nothing else (no extra field can ride along). */
export const appEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('catalog:changed') }),
  z.strictObject({ type: z.literal('sessions:changed') }),
  z.strictObject({ type: z.literal('assume:requested') }),
]) satisfies z.ZodType<AppEvent>;

// `satisfies` proves the schema accepts only AppEvents; this proves it accepts all of them, so an
// event type added to the contract fails to compile here until the schema knows it.
type Unchecked = Exclude<AppEvent['type'], z.infer<typeof appEventSchema>['type']>;
const _everyEventChecked: [Unchecked] extends [never] ? true : Unchecked = true;

/**
 * The one way main pushes events. `getTarget` is asked on every event, so a window opened again
 * (macOS activate) gets them and a closed one is skipped. It never throws: an event is a hint to
 * ask again, and failing to send one (a payload the contract does not name, a window going away)
 * must not fail whatever caused it. Such a failure goes to `onError`, main's log by default.
 */
export function createPublisher(
  getTarget: () => EventTarget | undefined,
  onError: (error: unknown) => void = (error) => logError('an event could not be sent to the window', error),
): (event: AppEvent) => void {
  return (event) => {
    try {
      const checked = appEventSchema.parse(event);
      const target = getTarget();
      if (!target || target.isDestroyed()) return;
      target.send(EVENT_CHANNEL, { type: checked.type });
    } catch (error) {
      try {
        onError(error);
      } catch {
        // Nothing is left to tell: the event is lost, and the page still asks on its own.
      }
    }
  };
}
