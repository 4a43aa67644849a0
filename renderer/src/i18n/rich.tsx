// Sentences that hold data: <name>…</name> and <code>…</code> in a dictionary text become
// translate="no" elements, so names, ARNs and paths are never mistaken for UI text (by a page
// translator, a screen reader's language switch, or the Japanese-UI check in the tests).
import { Trans } from 'react-i18next';
import type { MessageKey } from './messages';

const COMPONENTS = {
  name: <span translate="no" className="data" />,
  code: <code translate="no" />,
};

export function Rich({ k, values }: { k: MessageKey; values?: Record<string, string | number> }) {
  // Trans's key type is a union too large to pass through a generic prop; MessageKey already
  // limits `k` to en's keys, and the dictionary tests check every placeholder.
  return <Trans i18nKey={k as never} values={values} components={COMPONENTS} />;
}
