// What the status area can say. Kept as data (kinds and fields), worded at render time, so a
// language switch rewords what is already shown.
import type { AssumedView, ConsoleOpenedView, CopiedView, IpcError, KeyRotatedView, MfaSessionEndedView, StoppedView } from '../../../common/contract';
import type { ConsoleTarget } from '../../../common/inputs';

/** What a failure interrupted: the status area says it before the error itself. */
export type FailureLead =
  | { key: 'assume' | 'copy' | 'console' | 'stop' | 'endMfa' | 'save' | 'remove' | 'findRoles' | 'rotateKey'; name: string }
  | { key: 'stopAll' | 'saveSettings' | 'import' | 'sessions' | 'catalog' | 'openDialog' };

export type StatusMessage =
  | { kind: 'assumed'; view: AssumedView }
  | { kind: 'copied'; view: CopiedView }
  | { kind: 'console-opened'; view: ConsoleOpenedView; target: ConsoleTarget }
  | { kind: 'stopped'; view: StoppedView }
  | { kind: 'mfa-ended'; view: MfaSessionEndedView }
  | { kind: 'user-saved'; name: string; identity?: string; unverifiedBecause?: string }
  | { kind: 'role-saved'; name: string }
  | { kind: 'removed'; name: string }
  | { kind: 'settings-saved' }
  | { kind: 'imported'; users: number; roles: number }
  | { kind: 'roles-found'; user: string; names: string[] }
  | { kind: 'key-rotated'; view: KeyRotatedView }
  | { kind: 'failed'; error: IpcError; lead?: FailureLead };

/** How long a transient message (a copy) stays: long enough to read, gone before it misleads. */
export const TRANSIENT_MS = 10_000;

export function isTransient(message: StatusMessage): boolean {
  return message.kind === 'copied';
}
