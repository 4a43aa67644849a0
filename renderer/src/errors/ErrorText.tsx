// A failure as the user reads it: a sentence in the UI language for its code, then core's (or
// AWS's) own English words, verbatim, so they can be searched for or passed to a colleague.
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../common/contract';
import { errorKey, showsHint } from './codes';

export function ErrorText({ error, id }: { error: IpcError; id?: string }) {
  const { t } = useTranslation();
  const key = errorKey(error);
  const showHint = showsHint(error);
  return (
    <div className="error-text" id={id}>
      <p className="error-sentence">{t(key)}</p>
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
