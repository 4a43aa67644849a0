// The modals open now, bottom to top. Only the top one is live: the window and every modal under
// it are inert (no focus, no clicks, hidden from assistive tech), so an MFA prompt can open over a
// form without the form losing what was typed, and closing either one in any order leaves the
// right one live.

/** The element holding the whole window behind any dialog. */
export const APP_ROOT_ID = 'app-root';

const stack: HTMLElement[] = [];

function setInert(element: HTMLElement | null, inert: boolean) {
  if (!element) return;
  if (inert) element.setAttribute('inert', '');
  else element.removeAttribute('inert');
}

function sync() {
  setInert(document.getElementById(APP_ROOT_ID), stack.length > 0);
  stack.forEach((modal, index) => setInert(modal, index < stack.length - 1));
}

export function pushModal(modal: HTMLElement): void {
  stack.push(modal);
  sync();
}

/** Takes `modal` off the stack; says whether it was the top one (the one holding focus). */
export function removeModal(modal: HTMLElement): boolean {
  const index = stack.indexOf(modal);
  if (index === -1) return false;
  const wasTop = index === stack.length - 1;
  stack.splice(index, 1);
  sync();
  return wasTop;
}

export function isTopModal(modal: HTMLElement): boolean {
  return stack[stack.length - 1] === modal;
}

export function topModal(): HTMLElement | undefined {
  return stack[stack.length - 1];
}
