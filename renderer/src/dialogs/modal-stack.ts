// The modals open now, bottom to top. Only the top one is live: the window and every modal under
// it are inert (no focus, no clicks, hidden from assistive tech), so an MFA prompt can open over a
// form without the form losing what was typed, and closing either one in any order leaves the
// right one live. The window's status area is left out: an inert live region is not heard, and
// what happens while a dialog is open (a late answer, a failed reload) must be.

/** Marks the parts of the window made inert behind any dialog (everything but the status area). */
export const BEHIND_MODAL = { 'data-behind-modal': '' } as const;

const stack: HTMLElement[] = [];

function setInert(element: HTMLElement | null, inert: boolean) {
  if (!element) return;
  if (inert) element.setAttribute('inert', '');
  else element.removeAttribute('inert');
}

function sync() {
  for (const part of document.querySelectorAll<HTMLElement>('[data-behind-modal]')) setInert(part, stack.length > 0);
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
