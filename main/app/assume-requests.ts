// The tray and notifications ask the window to assume a role (so its MFA dialog can ask for a
// code). The window may not be open or loaded yet, so the request waits here: main announces it
// with an event, and the page takes it when it hears the event or when it loads, whichever is
// first. One slot: the latest request is the one the person clicked last.
import type { AppEvent, AssumeRequestedView } from '../../common/contract';

export interface AssumeRequests {
  /** Stores the request (replacing an older one) and tells the window. */
  request(role: string, extend: boolean): void;
  /** The waiting request, once: a second take answers with no role. */
  take(): AssumeRequestedView;
}

export function createAssumeRequests(publish: (event: AppEvent) => void): AssumeRequests {
  let waiting: { role: string; extend: boolean } | undefined;
  return {
    request(role, extend) {
      waiting = { role, extend };
      publish({ type: 'assume:requested' });
    },
    take() {
      const taken = waiting;
      waiting = undefined;
      return taken ? { role: taken.role, extend: taken.extend } : { extend: false };
    },
  };
}
