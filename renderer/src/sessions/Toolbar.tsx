// The window's actions and the filter. The filter box updates the list on every keystroke: the
// filtering is one pass over precomputed keys and only visible rows render. Memoised: MainView
// hands it stable callbacks, so it renders when the filter or the counts change.
import { memo, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { TOOLBAR_ID } from '../focus';

export interface ToolbarProps {
  query: string;
  onQuery(query: string): void;
  shown: number;
  total: number;
  canAddRole: boolean;
  canStopAll: boolean;
  /** Stop all is under way: it runs once at a time. */
  stoppingAll: boolean;
  onAddUser(): void;
  onAddRole(): void;
  onImport(): void;
  onSettings(): void;
  onStopAll(): void;
}

export const Toolbar = memo(function Toolbar(props: ToolbarProps) {
  const { t } = useTranslation();
  const filterId = useId();
  const filtering = props.query.trim() !== '';
  // aria-disabled, not disabled: pressing it ends its own reason to be enabled (no session left,
  // or a stop under way), and a disabled button would drop the focus it holds to <body>.
  const stopAllOff = !props.canStopAll || props.stoppingAll;
  return (
    <div className="toolbar" id={TOOLBAR_ID}>
      <div className="toolbar-buttons">
        <button type="button" onClick={props.onAddUser}>
          {t('toolbar.addUser')}
        </button>
        <button type="button" onClick={props.onAddRole} disabled={!props.canAddRole}>
          {t('toolbar.addRole')}
        </button>
        <button type="button" onClick={props.onImport}>
          {t('toolbar.import')}
        </button>
        <button type="button" onClick={props.onSettings}>
          {t('toolbar.settings')}
        </button>
        <button type="button" onClick={() => !stopAllOff && props.onStopAll()} aria-disabled={stopAllOff || undefined}>
          {t('toolbar.stopAll')}
        </button>
      </div>
      <div className="filter">
        <label htmlFor={filterId}>{t('toolbar.filter')}</label>
        <input
          id={filterId}
          type="search"
          data-testid="filter"
          value={props.query}
          placeholder={t('toolbar.filterPlaceholder')}
          onChange={(event) => props.onQuery(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <span className="count" aria-live="polite">
          {filtering ? t('toolbar.filtered', { shown: props.shown, total: props.total }) : t('toolbar.roleCount', { count: props.total })}
        </span>
      </div>
    </div>
  );
});
