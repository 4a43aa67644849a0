// The one modal every dialog uses: role="dialog" + aria-modal, labelled by its title, rendered in
// a portal beside the app. Opening it makes everything else inert (modal-stack.ts); focus moves
// in, Tab stays inside, Escape cancels, and on close focus returns to whatever opened it (or, if
// that is gone, to the dialog now on top or to the list).
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { focusFallback } from '../focus';
import { isTopModal, pushModal, removeModal, topModal } from './modal-stack';

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

function focusables(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.tabIndex >= 0);
}

function focusInto(dialog: HTMLElement | undefined) {
  if (dialog) (focusables(dialog)[0] ?? dialog.querySelector<HTMLElement>('[role="dialog"]') ?? dialog).focus();
}

/** Tab and Shift+Tab wrap around the dialog, and bring focus back in from wherever it fell. */
function trapTab(event: KeyboardEvent, dialog: HTMLElement) {
  const items = focusables(dialog);
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  if (!first || !last) {
    event.preventDefault();
    dialog.focus();
  } else if (!dialog.contains(active)) {
    event.preventDefault();
    (event.shiftKey ? last : first).focus();
  } else if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

function restoreFocus(opener: HTMLElement | null) {
  if (opener?.isConnected && !opener.closest('[inert]')) opener.focus();
  else if (topModal()) focusInto(topModal());
  else focusFallback();
}

export function Modal({ titleId, descriptionId, testId, onCancel, initialFocus, className, children }: ModalProps) {
  const backdrop = useRef<HTMLDivElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  // The latest onCancel, without re-running the focus effect when a parent re-renders.
  const cancel = useRef(onCancel);
  cancel.current = onCancel;

  useEffect(() => {
    // The opener first, then inert: a focused element that turns inert loses focus, and a dialog
    // loaded lazily mounts a moment after the click that opened it.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const self = backdrop.current;
    const box = dialog.current;
    if (!self || !box) return;
    pushModal(self);
    (initialFocus?.current ?? focusables(box)[0] ?? box).focus();

    // On the document, not on the dialog: a busy dialog may have lost focus to <body> (Chromium
    // drops it from a control that turns disabled), and Escape and Tab must work all the same.
    const onKeyDown = (event: KeyboardEvent) => {
      // Escape while an IME composes (Japanese input) cancels the composition, not the dialog.
      if (event.defaultPrevented || event.isComposing || !isTopModal(self)) return;
      if (event.key === 'Escape') {
        event.preventDefault();
        cancel.current();
      } else if (event.key === 'Tab') trapTab(event, box);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      // A modal closing under another one leaves focus with the one on top.
      if (removeModal(self)) restoreFocus(opener);
    };
    // Once per opening: a re-render must not pull focus back to the first field (initialFocus is
    // read only at the opening, like the opener).
    // eslint-disable-next-line react-hooks/exhaustive-deps -- deliberately not rerun, see above
  }, []);

  return createPortal(
    <div ref={backdrop} className="modal-backdrop">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        data-testid={testId}
        className={className ? `modal ${className}` : 'modal'}
        tabIndex={-1}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
