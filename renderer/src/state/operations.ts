// The session operations a row starts (assume, stop, copy export) and Stop all: what they ask
// main, when they ask for an MFA code first, and where their outcome goes (the status area, the
// row's note, the MFA prompt). Row state lives in row-ops.ts, the prompts in mfa-prompt.ts.
// A row stays busy until the sessions on screen were taken after its operation landed, so it never
// flashes an older state in between. The returned actions are stable: memoised rows never
// re-render because of them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AssumedView, ConsoleOpenedView, CopiedView, IpcError, IpcResult, SessionView } from '../../../common/contract';
import type { ConsoleTarget } from '../../../common/inputs';
import type { CopyExportFormat } from '../../../common/export-formats';
import { call, type Bridge } from '../bridge';
import type { StatusMessage } from '../status/messages';
import type { MfaRoot } from './chain';
import { isAboutTheCode, useMfaPrompts, type MfaPurpose, type MfaRequest } from './mfa-prompt';
import { useRowOps, type OpState, type RowAction } from './row-ops';

export interface SessionActions {
  assume(role: string): void;
  /** Assume a new session even while the live one still serves (a renewal that needs a code, or failed). */
  extend(role: string): void;
  stop(role: string): void;
  /** Ends a user's MFA session (its roles' own sessions live on until they expire). */
  endMfa(user: string): void;
  copy(role: string, format: CopyExportFormat): void;
  /** Opens the AWS console as the role: main opens it (the page never sees the sign-in URL). */
  openConsole(role: string, target: ConsoleTarget): void;
  /** Hides the row's failure note. */
  dismiss(role: string): void;
}

export interface Operations {
  ops: ReadonlyMap<string, OpState>;
  /** The MFA prompt on screen. */
  mfa: MfaRequest | undefined;
  actions: SessionActions;
  stopAll(): void;
  /** Whether Stop all is under way (it runs once at a time). */
  stoppingAll: boolean;
  /** Resolves to a refusal to show in the dialog (about the code), or undefined once it closed. */
  submitMfa(code: string): Promise<IpcError | undefined>;
  cancelMfa(): void;
}

export interface OperationsDeps {
  bridge: Bridge | undefined;
  /** Role sessions by role name, as main last listed them. */
  sessions: ReadonlyMap<string, SessionView>;
  /** The catalog's roles: what is kept of a role that left it is forgotten. */
  roleNames: ReadonlySet<string>;
  /** Whether the role's next assume needs a fresh code (main's list, and no live session of its own). */
  needsMfa(role: string): boolean;
  mfaRoot(role: string): MfaRoot | undefined;
  /** Settles once the sessions on screen were taken after this call. */
  reloadSessions(): Promise<void>;
  setStatus(message: StatusMessage): void;
}

type Outcome =
  | { kind: 'assume'; result: IpcResult<AssumedView> }
  | { kind: 'copy'; result: IpcResult<CopiedView> }
  | { kind: 'console'; target: ConsoleTarget; result: IpcResult<ConsoleOpenedView> };

function promptFor(role: string, purpose: MfaPurpose, user: string, root: MfaRoot | undefined): MfaRequest {
  const what: MfaPurpose =
    purpose.action === 'assume'
      ? { action: 'assume', ...(purpose.refresh ? { refresh: true } : {}) }
      : purpose.action === 'copy'
        ? { action: 'copy', format: purpose.format }
        : { action: 'console', target: purpose.target };
  return { ...what, role, user, ...(root?.direct === undefined ? {} : { direct: root.direct }) };
}

export function useOperations(deps: OperationsDeps): Operations {
  // Latest values for the stable callbacks below.
  const depsRef = useRef(deps);
  depsRef.current = deps;
  const { ops, rowOps } = useRowOps();
  const { shown: mfa, prompts } = useMfaPrompts();
  const [stoppingAll, setStoppingAll] = useState(false);
  const stopAllRunning = useRef(false);

  const { sessions, roleNames } = deps;
  useEffect(() => rowOps.forgetStale(sessions), [rowOps, sessions]);
  useEffect(() => rowOps.forgetRolesNotIn(roleNames), [rowOps, roleNames]);

  const perform = useCallback(async (role: string, purpose: MfaPurpose, mfaCode?: string): Promise<Outcome | undefined> => {
    const { bridge } = depsRef.current;
    if (!bridge) return undefined;
    const code = mfaCode === undefined ? {} : { mfaCode };
    if (purpose.action === 'assume') {
      const refresh = purpose.refresh ? { refresh: true } : {};
      return { kind: 'assume', result: await call(bridge, 'session:assume', { name: role, ...code, ...refresh }) };
    }
    if (purpose.action === 'console') {
      return { kind: 'console', target: purpose.target, result: await call(bridge, 'console:open', { name: role, target: purpose.target, ...code }) };
    }
    return { kind: 'copy', result: await call(bridge, 'session:copy-export', { name: role, format: purpose.format, ...code }) };
  }, []);

  const report = useCallback((outcome: Outcome) => {
    const { setStatus } = depsRef.current;
    if (outcome.kind === 'assume' && outcome.result.ok) setStatus({ kind: 'assumed', view: outcome.result.data });
    if (outcome.kind === 'copy' && outcome.result.ok) setStatus({ kind: 'copied', view: outcome.result.data });
    if (outcome.kind === 'console' && outcome.result.ok) setStatus({ kind: 'console-opened', view: outcome.result.data, target: outcome.target });
  }, []);

  const settleAfterReload = useCallback(
    async (role: string, entry: OpState) => {
      await depsRef.current.reloadSessions();
      rowOps.settle(role, entry);
    },
    [rowOps],
  );

  const failed = useCallback(
    (role: string, action: RowAction, error: IpcError) => {
      const { sessions, roleNames, setStatus } = depsRef.current;
      // A role removed while its operation ran has no row to note it on, and a row added later
      // under the same name must start clean (forgetRolesNotIn ran before this landed).
      if (roleNames.has(role)) rowOps.fail(role, { action, error, sessionExpiresAt: sessions.get(role)?.expiresAt });
      setStatus({ kind: 'failed', error, lead: { key: action, name: role } });
    },
    [rowOps],
  );

  /** `askFirst`: prompt before calling when main said a code is needed (not for a prompt's riders). */
  const start = useCallback(
    async (role: string, purpose: MfaPurpose, askFirst = true) => {
      const { needsMfa, mfaRoot, sessions } = depsRef.current;
      const root = mfaRoot(role);
      // needsMfa is about the next plain assume, which a live session answers from the cache; an
      // extend skips the cache, so the scheduler's mark says whether renewing needs a code.
      const extendNeedsCode = purpose.action === 'assume' && purpose.refresh === true && sessions.get(role)?.renewal === 'needs-mfa-code';
      if (askFirst && root && (needsMfa(role) || extendNeedsCode)) {
        rowOps.dismiss(role);
        return prompts.open(promptFor(role, purpose, root.user, root));
      }
      const entry = rowOps.begin(role);
      const outcome = await perform(role, purpose);
      if (!outcome) return rowOps.settle(role, entry);
      if (outcome.result.ok) {
        report(outcome);
        return settleAfterReload(role, entry);
      }
      const { error } = outcome.result;
      rowOps.settle(role, entry);
      // No prompt for a role removed meanwhile: its answer is only said.
      if (error.code === 'MfaCodeRequired' && depsRef.current.roleNames.has(role)) prompts.open(promptFor(role, purpose, error.user ?? root?.user ?? role, root));
      else failed(role, purpose.action, error);
    },
    [failed, perform, prompts, report, rowOps, settleAfterReload],
  );

  const stop = useCallback(
    async (role: string) => {
      const { bridge } = depsRef.current;
      if (!bridge) return;
      const entry = rowOps.begin(role);
      const result = await call(bridge, 'session:stop', { name: role });
      if (result.ok) {
        depsRef.current.setStatus({ kind: 'stopped', view: result.data });
        return settleAfterReload(role, entry);
      }
      rowOps.settle(role, entry);
      failed(role, 'stop', result.error);
    },
    [failed, rowOps, settleAfterReload],
  );

  // Users whose MFA session is being ended: a second click while the first runs does nothing.
  const endingMfa = useRef(new Set<string>());
  const endMfa = useCallback(async (user: string) => {
    const { bridge } = depsRef.current;
    if (!bridge || endingMfa.current.has(user)) return;
    endingMfa.current.add(user);
    const result = await call(bridge, 'session:end-mfa', { name: user });
    if (result.ok) {
      depsRef.current.setStatus({ kind: 'mfa-ended', view: result.data });
      // The button goes once the sessions on screen no longer show the MFA session.
      await depsRef.current.reloadSessions();
    } else depsRef.current.setStatus({ kind: 'failed', error: result.error, lead: { key: 'endMfa', name: user } });
    endingMfa.current.delete(user);
  }, []);

  const runStopAll = useCallback(async () => {
    const { bridge, sessions } = depsRef.current;
    // Once at a time: a second click must not answer "no session was active" over the first.
    if (!bridge || stopAllRunning.current) return;
    stopAllRunning.current = true;
    setStoppingAll(true);
    const entries = [...sessions.keys()].map((role) => [role, rowOps.begin(role)] as const);
    const result = await call(bridge, 'session:stop', { all: true });
    if (result.ok) {
      rowOps.clearFailures();
      depsRef.current.setStatus({ kind: 'stopped', view: result.data });
      await depsRef.current.reloadSessions();
    } else depsRef.current.setStatus({ kind: 'failed', error: result.error, lead: { key: 'stopAll' } });
    for (const [role, entry] of entries) rowOps.settle(role, entry);
    stopAllRunning.current = false;
    setStoppingAll(false);
  }, [rowOps]);

  const submitMfa = useCallback(
    async (code: string): Promise<IpcError | undefined> => {
      const request = mfa;
      if (!request) return undefined;
      const entry = rowOps.begin(request.role);
      const outcome = await perform(request.role, request, code);
      if (!outcome) {
        rowOps.settle(request.role, entry);
        return undefined;
      }
      if (outcome.result.ok) {
        prompts.close(request);
        report(outcome);
        // The code started an MFA session: roles waiting for the same user's code ride it now.
        if (request.direct === undefined) for (const rider of prompts.takeRiders(request.user)) void start(rider.role, rider, false);
        void settleAfterReload(request.role, entry);
        return undefined;
      }
      const { error } = outcome.result;
      rowOps.settle(request.role, entry);
      // Still asking, and a new code can fix it: the dialog says why and takes the next code.
      if (prompts.isShown(request) && isAboutTheCode(error)) return error;
      // Anything else (or the user cancelled meanwhile) belongs to the row, not to a dialog.
      prompts.close(request);
      failed(request.role, request.action, error);
      return undefined;
    },
    [failed, mfa, perform, prompts, report, rowOps, settleAfterReload, start],
  );

  const cancelMfa = useCallback(() => {
    if (mfa) prompts.close(mfa);
  }, [mfa, prompts]);

  const stopAll = useCallback(() => void runStopAll(), [runStopAll]);

  const actions = useMemo<SessionActions>(
    () => ({
      assume: (role) => void start(role, { action: 'assume' }),
      extend: (role) => void start(role, { action: 'assume', refresh: true }),
      copy: (role, format) => void start(role, { action: 'copy', format }),
      openConsole: (role, target) => void start(role, { action: 'console', target }),
      stop: (role) => void stop(role),
      endMfa: (user) => void endMfa(user),
      dismiss: (role) => rowOps.dismiss(role),
    }),
    [endMfa, rowOps, start, stop],
  );

  return { ops, mfa, actions, stopAll, stoppingAll, submitMfa, cancelMfa };
}
