// The session operations a row starts (assume, stop, copy export), their in-flight and failed
// states per role, the MFA prompt they may need, and what the status area says about them.
// The returned actions are stable, so memoised rows never re-render because of them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CopyExportFormat, IpcError, IpcResult, AssumedView, CopiedView } from '../../../preload/contract';
import { call, type Bridge } from '../bridge';
import { isTransient, TRANSIENT_MS, type StatusMessage } from '../status/messages';

export interface OpState {
  busy: boolean;
  error?: IpcError;
}

export type MfaPurpose = { action: 'assume' } | { action: 'copy'; format: CopyExportFormat };

export type MfaRequest = MfaPurpose & { user: string; role: string };

export interface SessionActions {
  assume(role: string): void;
  stop(role: string): void;
  copy(role: string, format: CopyExportFormat): void;
}

export interface Operations {
  ops: ReadonlyMap<string, OpState>;
  status: StatusMessage | undefined;
  mfa: MfaRequest | undefined;
  actions: SessionActions;
  stopAll(): void;
  /** Resolves to the refusal to show in the dialog, or undefined once it succeeded and closed. */
  submitMfa(code: string): Promise<IpcError | undefined>;
  cancelMfa(): void;
  setStatus(message: StatusMessage | undefined): void;
}

export interface OperationsDeps {
  bridge: Bridge | undefined;
  /** Whether main said this role's next assume needs a code. */
  needsMfa(role: string): boolean;
  /** The user whose MFA device the role's chain needs. */
  chainUser(role: string): string | undefined;
  reloadSessions(): void;
}

type Outcome = { kind: 'assume'; result: IpcResult<AssumedView> } | { kind: 'copy'; result: IpcResult<CopiedView> };

export function useOperations(deps: OperationsDeps): Operations {
  const [ops, setOps] = useState<ReadonlyMap<string, OpState>>(new Map());
  const [status, setStatusState] = useState<StatusMessage>();
  const [mfa, setMfa] = useState<MfaRequest>();
  // Latest values for the stable callbacks below.
  const depsRef = useRef(deps);
  depsRef.current = deps;
  const mfaRef = useRef(mfa);
  mfaRef.current = mfa;
  const transientTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const setStatus = useCallback((message: StatusMessage | undefined) => {
    clearTimeout(transientTimer.current);
    setStatusState(message);
    if (message && isTransient(message)) {
      transientTimer.current = setTimeout(() => setStatusState((now) => (now === message ? undefined : now)), TRANSIENT_MS);
    }
  }, []);
  useEffect(() => () => clearTimeout(transientTimer.current), []);

  const setOp = useCallback((role: string, state: OpState | undefined) => {
    setOps((previous) => {
      const next = new Map(previous);
      if (state) next.set(role, state);
      else next.delete(role);
      return next;
    });
  }, []);

  const perform = useCallback(async (role: string, purpose: MfaPurpose, mfaCode?: string): Promise<Outcome | undefined> => {
    const { bridge } = depsRef.current;
    if (!bridge) return undefined;
    const code = mfaCode === undefined ? {} : { mfaCode };
    if (purpose.action === 'assume') return { kind: 'assume', result: await call(bridge, 'session:assume', { name: role, ...code }) };
    return { kind: 'copy', result: await call(bridge, 'session:copy-export', { name: role, format: purpose.format, ...code }) };
  }, []);

  const succeeded = useCallback(
    (outcome: Outcome) => {
      if (outcome.kind === 'assume' && outcome.result.ok) setStatus({ kind: 'assumed', view: outcome.result.data });
      if (outcome.kind === 'copy' && outcome.result.ok) setStatus({ kind: 'copied', view: outcome.result.data });
      depsRef.current.reloadSessions();
    },
    [setStatus],
  );

  const start = useCallback(
    async (role: string, purpose: MfaPurpose) => {
      const { needsMfa, chainUser } = depsRef.current;
      const user = chainUser(role);
      // Main already said a code is needed: ask first rather than fail once.
      if (needsMfa(role) && user !== undefined) {
        setOp(role, undefined);
        setMfa({ ...purpose, user, role });
        return;
      }
      setOp(role, { busy: true });
      const outcome = await perform(role, purpose);
      if (!outcome) return setOp(role, undefined);
      if (outcome.result.ok) {
        setOp(role, undefined);
        succeeded(outcome);
      } else if (outcome.result.error.code === 'MfaCodeRequired') {
        setOp(role, undefined);
        setMfa({ ...purpose, user: outcome.result.error.user ?? user ?? role, role });
      } else {
        setOp(role, { busy: false, error: outcome.result.error });
      }
    },
    [perform, setOp, succeeded],
  );

  const stopNames = useCallback(
    async (request: { name: string } | { all: true }) => {
      const { bridge } = depsRef.current;
      if (!bridge) return;
      const role = 'name' in request ? request.name : undefined;
      if (role) setOp(role, { busy: true });
      const result = await call(bridge, 'session:stop', request);
      if (result.ok) {
        if (role) setOp(role, undefined);
        setStatus({ kind: 'stopped', names: result.data.stopped });
        depsRef.current.reloadSessions();
      } else if (role) setOp(role, { busy: false, error: result.error });
      else setStatus({ kind: 'failed', error: result.error });
    },
    [setOp, setStatus],
  );

  const actions = useMemo<SessionActions>(
    () => ({
      assume: (role) => void start(role, { action: 'assume' }),
      copy: (role, format) => void start(role, { action: 'copy', format }),
      stop: (role) => void stopNames({ name: role }),
    }),
    [start, stopNames],
  );

  const stopAll = useCallback(() => void stopNames({ all: true }), [stopNames]);

  const submitMfa = useCallback(
    async (code: string): Promise<IpcError | undefined> => {
      const request = mfaRef.current;
      if (!request) return undefined;
      setOp(request.role, { busy: true });
      const outcome = await perform(request.role, request, code);
      setOp(request.role, undefined);
      if (!outcome) return undefined;
      if (!outcome.result.ok) return outcome.result.error;
      setMfa((open) => (open === request ? undefined : open));
      succeeded(outcome);
      return undefined;
    },
    [perform, setOp, succeeded],
  );

  const cancelMfa = useCallback(() => setMfa(undefined), []);

  return { ops, status, mfa, actions, stopAll, submitMfa, cancelMfa, setStatus };
}
