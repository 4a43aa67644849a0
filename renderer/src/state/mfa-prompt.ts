// The MFA prompts waiting for a code, shown one at a time: a prompt that arrives while another is
// open waits its turn instead of replacing it. Which failures a new code can fix (the dialog stays
// open for those; anything else closes it and goes to the row).
import { useCallback, useMemo, useRef, useState } from 'react';
import type { IpcError } from '../../../common/contract';
import type { CopyExportFormat } from '../../../common/export-formats';
import type { ConsoleTarget } from '../../../common/inputs';

/** `refresh`: Extend, a new session even while the cached one still serves (sent to main as is). */
export type MfaPurpose = { action: 'assume'; refresh?: boolean } | { action: 'copy'; format: CopyExportFormat } | { action: 'console'; target: ConsoleTarget };

export type MfaRequest = MfaPurpose & {
  user: string;
  role: string;
  /**
   * The direct role whose own AssumeRole takes the code (this role, or the first of its chain):
   * no MFA session is started, so the next assume needs a code again. Absent for the MFA session.
   */
  direct?: string;
};

/** Refusals a new code can fix. */
export function isAboutTheCode(error: IpcError): boolean {
  return error.code === 'MfaCodeRejected' || error.code === 'BadMfaCode' || error.code === 'MfaCodeRequired' || error.field === 'mfaCode';
}

export interface MfaPrompts {
  /** Queues a prompt, unless the same role already waits for the same thing. */
  open(request: MfaRequest): void;
  close(request: MfaRequest): void;
  isShown(request: MfaRequest): boolean;
  /** Takes the waiting prompts that an MFA session just started for `user` now serves. */
  takeRiders(user: string): MfaRequest[];
}

/** The prompt on screen, and the queue's operations (stable). */
export function useMfaPrompts(): { shown: MfaRequest | undefined; prompts: MfaPrompts } {
  // The queue in a ref, so checks made right after a change see it; the state only renders it.
  const queue = useRef<MfaRequest[]>([]);
  const [shown, setShown] = useState<MfaRequest>();
  const update = useCallback((next: MfaRequest[]) => {
    queue.current = next;
    setShown(next[0]);
  }, []);

  const prompts = useMemo<MfaPrompts>(
    () => ({
      open(request) {
        const same = (q: MfaRequest) => q.role === request.role && q.action === request.action;
        if (!queue.current.some(same)) update([...queue.current, request]);
      },
      close: (request) => update(queue.current.filter((q) => q !== request)),
      isShown: (request) => queue.current[0] === request,
      takeRiders(user) {
        const riders = queue.current.filter((q) => q.user === user && q.direct === undefined);
        if (riders.length > 0) update(queue.current.filter((q) => !riders.includes(q)));
        return riders;
      },
    }),
    [update],
  );
  return { shown, prompts };
}
