// The one modal every dialog uses: role="dialog" + aria-modal, labelled by its title, rendered in
// a portal beside the app, which it makes inert meanwhile. Focus moves in on open, Tab stays
// inside, Escape cancels, and focus returns to whatever opened it.
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

/** The element holding the whole window behind any dialog. */
export const APP_ROOT_ID = 'app-root';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  titleId: string;
  descriptionId?: string;
  testId: string;
  onCancel(): void;
  /** The element to focus first; the first focusable one otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  className?: string;
  children: ReactNode;
}

export function Modal({ titleId, descriptionId, testId, onCancel, initialFocus, className, children }: ModalProps) {
  const dialog = useRef<HTMLDivElement>(null);
  // The latest onCancel, without re-running the focus effect when a parent re-renders.
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useEffect(() => {
    // The opener first, then inert: a focused element that turns inert loses focus, and a dialog
    // loaded lazily mounts a moment after the click that opened it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = document.getElementById(APP_ROOT_ID);
    root?.setAttribute('inert', '');
    const target = initialFocus?.current ?? dialog.current?.querySelector<HTMLElement>(FOCUSABLE) ?? dialog.current;
    target?.focus();
    return () => {
      root?.removeAttribute('inert');
      if (opener?.isConnected) opener.focus();
    };
    // Once per opening: a re-render must not pull focus back to the first field.
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      cancel.current();
      return;
    }
    if (event.key !== 'Tab' || !dialog.current) return;
    const items = [...dialog.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.tabIndex >= 0);
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        data-testid={testId}
        className={className ? `modal ${className}` : 'modal'}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
