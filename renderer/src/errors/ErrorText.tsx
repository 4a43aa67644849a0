// A failure as the user reads it: a sentence in the UI language for its code, then core's (or
// AWS's) own English words, verbatim, so they can be searched for or passed to a colleague.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../common/contract';
import { errorKey, showsHint } from './codes';

export interface ErrorTextProps {
  error: IpcError;
  id?: string;
  /**
   * A dialog's own sentence for a code it knows better than the window at large (IAM refusing the
   * dialog's one action): it replaces the code's sentence, and already says what to do, so core's
   * terminal hint is not shown.
   */
  sentence?: ReactNode;
  /**
   * Core's hint beneath, whatever the code: for a dialog whose failures carry facts in the hint
   * (a key rotation: what was undone, which key was deleted). By default as `showsHint` says.
   */
  hint?: boolean;
}

export function ErrorText({ error, id, sentence, hint }: ErrorTextProps) {
  const { t } = useTranslation();
  const showHint = error.hint !== undefined && (hint ?? (sentence === undefined && showsHint(error)));
  return (
    <div className="error-text" id={id}>
      <p className="error-sentence">{sentence ?? t(errorKey(error))}</p>
      {error.message && (
        <p className="error-detail" translate="no" lang="en">
          {error.message}
        </p>
      )}
      {showHint && (
        <p className="error-detail" translate="no" lang="en">
          {error.hint}
        </p>
      )}
    </div>
  );
}
