// "Copy export" opens a small menu of shells (a menu button). The menu lies in a row, so it is
// aria-orientation horizontal and Left/Right move (Up/Down too, as many readers expect of any
// menu); Home/End jump, Escape closes and returns focus. Main writes the export to the clipboard;
// the page never sees the credentials.
import { useEffect, useId, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CopyExportFormat } from '../../../common/export-formats';
import { useRowActions } from './actions';
import { COPY_FORMATS } from './formats';

export interface CopyExportMenuProps {
  role: string;
  disabled: boolean;
  /** The id of the row's name, which describes the button (its name stays "Copy export"). */
  describedBy?: string;
}

export function CopyExportMenu({ role, disabled, describedBy }: CopyExportMenuProps) {
  const { t } = useTranslation();
  const actions = useRowActions();
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const choose = (format: CopyExportFormat) => {
    close(true);
    actions.copy(role, format);
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => items[(to + items.length) % items.length]?.focus();
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') return close(false);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  // Focus leaving the button and its menu closes the menu, as a click elsewhere does.
  const onBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (open && !event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    <div className="menu-wrap" onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        aria-disabled={disabled || undefined}
        aria-describedby={describedBy}
        onClick={() => {
          if (!disabled) setOpen((was) => !was);
        }}
      >
        {t('role.copyExport')}
      </button>
      {open && (
        <div ref={menu} id={id} role="menu" aria-orientation="horizontal" aria-label={t('role.copyMenu')} className="menu" onKeyDown={onMenuKey}>
          {COPY_FORMATS.map(({ format, label }) => (
            <button key={format} type="button" role="menuitem" tabIndex={-1} translate="no" onClick={() => choose(format)}>
              {label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
