// "Find roles" for one user: main lists the roles whose trust policy lets the user assume them
// (role:discover without `add`), the person chooses some, and main adds them with what it found
// (role:discover with `add`), the dialog then saying what was added. Where IAM lists roles only
// with MFA, main answers MfaCodeRequired and the MFA dialog stacks over this one; its code goes
// with the same request again. A missing iam:ListRoles permission is said in words of its own.
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogListView, DiscoveryView, IpcError } from '../../../common/contract';
import { call, type Bridge } from '../bridge';
import { ErrorText } from '../errors/ErrorText';
import { Rich } from '../i18n/rich';
import { isAboutTheCode } from '../state/mfa-prompt';
import { addableChoice, foundRoleRows } from './find-roles-rows';
import { FindRolesOutcome } from './FindRolesOutcome';
import { FoundRolesTable } from './FoundRolesTable';
import { MfaDialog } from './MfaDialog';
import { Modal } from './Modal';
import { useMounted } from './useMounted';

/** What is asked of main besides the user: nothing (a list), or roles to add. */
interface Ask {
  add?: string[];
  direct?: boolean;
}

type Step =
  | { kind: 'loading' }
  | { kind: 'list'; found: DiscoveryView; error?: IpcError }
  | { kind: 'adding'; found: DiscoveryView }
  | { kind: 'done'; result: DiscoveryView }
  | { kind: 'failed'; error: IpcError };

export interface FindRolesDialogProps {
  bridge: Bridge;
  user: string;
  catalog: Pick<CatalogListView, 'users' | 'roles'>;
  /** Roles were added: the window reloads its lists (the dialog stays open on what was added). */
  onAdded(result: DiscoveryView): void;
  onClose(): void;
  onFailedAfterClose?(error: IpcError): void;
}

export function FindRolesDialog({ bridge, user, catalog, onAdded, onClose, onFailedAfterClose }: FindRolesDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const mounted = useMounted();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [direct, setDirect] = useState(false);
  // The request waiting for an MFA code (the MFA dialog is on screen while there is one).
  const [needsCode, setNeedsCode] = useState<Ask>();
  const [attempt, setAttempt] = useState(0);
  const table = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  const ask = useCallback(
    (request: Ask, mfaCode?: string) => call(bridge, 'role:discover', { user, ...request, ...(mfaCode === undefined ? {} : { mfaCode }) }),
    [bridge, user],
  );

  // The latest onAdded, without listing again when a parent re-renders.
  const added = useRef(onAdded);
  added.current = onAdded;
  /** main's answer to `request`: the list, or what was added. */
  const landed = useCallback((request: Ask, data: DiscoveryView) => {
    if (request.add) {
      setStep({ kind: 'done', result: data });
      added.current(data);
    } else setStep({ kind: 'list', found: data });
  }, []);

  /** main refused `request` (not for want of a code): a list that failed has nothing to show. */
  const refused = useCallback(
    (request: Ask, error: IpcError, found: DiscoveryView | undefined) => {
      if (!mounted.current) return onFailedAfterClose?.(error);
      setStep(request.add && found ? { kind: 'list', found, error } : { kind: 'failed', error });
    },
    [mounted, onFailedAfterClose],
  );

  useEffect(() => {
    let live = true;
    void ask({}).then((result) => {
      if (!live) return;
      if (result.ok) landed({}, result.data);
      else if (result.error.code === 'MfaCodeRequired') setNeedsCode({});
      else setStep({ kind: 'failed', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [ask, landed, attempt]);

  const rows = useMemo(() => (step.kind === 'list' || step.kind === 'adding' ? foundRoleRows(step.found, catalog) : []), [step, catalog]);
  const found = step.kind === 'list' || step.kind === 'adding' ? step.found : undefined;
  const toAdd = addableChoice(rows, chosen);
  const canBeDirect = rows.some((row) => row.notAddable === undefined && row.directWhenAsked);

  // The list arrived: focus its first role that can be chosen. Finished: focus Close.
  const listed = step.kind === 'list' && step.error === undefined;
  useEffect(() => {
    if (listed) table.current?.querySelector<HTMLInputElement>('input[type="checkbox"]:not([disabled])')?.focus();
  }, [listed]);
  const finished = step.kind === 'done' || step.kind === 'failed';
  useEffect(() => {
    if (finished) closeButton.current?.focus();
  }, [finished]);

  const add = async () => {
    if (step.kind !== 'list' || toAdd.length === 0) return;
    const request: Ask = { add: toAdd, direct };
    const { found } = step;
    setStep({ kind: 'adding', found });
    const result = await ask(request);
    if (result.ok) landed(request, result.data);
    else if (result.error.code === 'MfaCodeRequired' && mounted.current) setNeedsCode(request);
    else refused(request, result.error, found);
  };

  const submitCode = async (code: string): Promise<IpcError | undefined> => {
    const request = needsCode ?? {};
    const result = await ask(request, code);
    if (!result.ok && isAboutTheCode(result.error)) return result.error;
    setNeedsCode(undefined);
    if (result.ok) landed(request, result.data);
    else refused(request, result.error, found);
    return undefined;
  };

  const cancelCode = () => {
    const request = needsCode ?? {};
    setNeedsCode(undefined);
    // The add waits for nothing now: back to the list. A list never came: say that it needs a code.
    if (request.add && found) setStep({ kind: 'list', found });
    else setStep({ kind: 'failed', error: { code: 'MfaCodeRequired', message: '' } });
  };

  const retry = () => {
    setStep({ kind: 'loading' });
    setAttempt((n) => n + 1);
  };

  const toggle = (name: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });

  const error = step.kind === 'failed' || step.kind === 'list' ? step.error : undefined;
  const busy = step.kind === 'loading' || step.kind === 'adding';
  return (
    <>
      <Modal titleId={`${id}-title`} descriptionId={`${id}-intro`} testId="find-roles-dialog" onCancel={onClose} className="form-dialog find-roles-dialog">
        <h2 id={`${id}-title`}>
          <Rich k="findRoles.title" values={{ user }} />
        </h2>
        <p id={`${id}-intro`} className="note">
          {t('findRoles.intro')}
        </p>
        <div aria-live="polite" aria-busy={busy}>
          {(step.kind === 'loading' || needsCode) && step.kind !== 'adding' && <p className="note">{t('findRoles.loading')}</p>}
          {step.kind === 'adding' && <p className="note">{t('findRoles.adding')}</p>}
          {found && step.kind === 'list' && <FoundSummary found={found} />}
        </div>
        {found && rows.length > 0 && (
          <div ref={table} className="found-roles-box">
            <FoundRolesTable rows={rows} chosen={chosen} direct={direct} busy={step.kind === 'adding'} onToggle={toggle} idPrefix={id} />
          </div>
        )}
        {found && canBeDirect && (
          <>
            <label className="choice">
              <input
                type="checkbox"
                checked={direct}
                aria-disabled={step.kind === 'adding' || undefined}
                aria-describedby={`${id}-direct-hint`}
                onChange={(event) => step.kind !== 'adding' && setDirect(event.target.checked)}
              />
              {t('findRoles.direct')}
            </label>
            <p id={`${id}-direct-hint`} className="hint note">
              {t('findRoles.directHint')}
            </p>
          </>
        )}
        {step.kind === 'done' && <FindRolesOutcome result={step.result} />}
        {error && (
          <div role="alert" className="alert" data-testid="find-roles-error">
            <ErrorText error={error} sentence={error.code === 'IamAccessDenied' ? <Rich k="findRoles.noPermission" values={{ user }} /> : undefined} />
          </div>
        )}
        <div className="dialog-buttons">
          {finished ? (
            <>
              {step.kind === 'failed' && (
                <button type="button" onClick={retry}>
                  {t('findRoles.retry')}
                </button>
              )}
              <button type="button" className="primary" ref={closeButton} onClick={onClose}>
                {t('findRoles.close')}
              </button>
            </>
          ) : (
            <>
              <button type="button" onClick={onClose}>
                {t('findRoles.cancel')}
              </button>
              {/* Nothing chosen: disabled. Adding: aria-disabled, so the focus it holds stays. */}
              <button
                type="button"
                className="primary"
                disabled={step.kind === 'loading' || (step.kind === 'list' && toAdd.length === 0)}
                aria-disabled={step.kind === 'adding' || undefined}
                onClick={() => void add()}
              >
                {t('findRoles.add', { count: toAdd.length })}
              </button>
            </>
          )}
        </div>
      </Modal>
      {needsCode && <MfaDialog request={{ action: 'discover', user }} onSubmit={submitCode} onCancel={cancelCode} />}
    </>
  );
}

function FoundSummary({ found }: { found: DiscoveryView }) {
  const { t } = useTranslation();
  return (
    <p>
      {found.roles.length > 0 ? t('findRoles.found', { count: found.roles.length }) : t('findRoles.none')}
      {found.notTrusting > 0 && <> {t('findRoles.notTrusting', { count: found.notTrusting })}</>}
      {found.viaMfaSession && <> {t('findRoles.viaMfa')}</>}
    </p>
  );
}
