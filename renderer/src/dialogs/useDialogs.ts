// Which dialog is open, at most one (an MFA prompt may stack over it: see DialogHost). An edit
// dialog holds the user or role as it was when Edit was pressed, so a reload that drops it does
// not turn the form into an Add form. Closing names the dialog: an answer that lands late closes
// its own dialog, never one opened since.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { CatalogListView, CatalogRoleView, CatalogUserView } from '../../../common/contract';

export type DialogState =
  | { kind: 'user'; user?: CatalogUserView }
  | { kind: 'role'; role?: CatalogRoleView }
  | { kind: 'remove'; target: 'user' | 'role'; name: string }
  | { kind: 'import' }
  | { kind: 'find-roles'; user: string }
  | { kind: 'rotate-key'; user: string; accessKeyId: string }
  | { kind: 'settings' };

export interface DialogOpeners {
  addUser(): void;
  editUser(name: string): void;
  removeUser(name: string): void;
  addRole(): void;
  editRole(name: string): void;
  removeRole(name: string): void;
  importProfiles(): void;
  /** The roles whose trust policy lets this user assume them, to add some. */
  findRoles(user: string): void;
  /** A new access key for this user, the old one deleted: confirmed first. */
  rotateKey(user: string): void;
  settings(): void;
}

export function useDialogs(catalog: CatalogListView) {
  const [dialog, setDialog] = useState<DialogState>();
  // The catalog shown now, for the stable openers below.
  const shown = useRef(catalog);
  shown.current = catalog;

  const open = useMemo<DialogOpeners>(
    () => ({
      addUser: () => setDialog({ kind: 'user' }),
      editUser: (name) => {
        const user = shown.current.users.find((u) => u.name === name);
        if (user) setDialog({ kind: 'user', user });
      },
      removeUser: (name) => setDialog({ kind: 'remove', target: 'user', name }),
      addRole: () => setDialog({ kind: 'role' }),
      editRole: (name) => {
        const role = shown.current.roles.find((r) => r.name === name);
        if (role) setDialog({ kind: 'role', role });
      },
      removeRole: (name) => setDialog({ kind: 'remove', target: 'role', name }),
      importProfiles: () => setDialog({ kind: 'import' }),
      findRoles: (user) => setDialog({ kind: 'find-roles', user }),
      // The key held when asked: the confirmation names the key that will be deleted.
      rotateKey: (name) => {
        const user = shown.current.users.find((u) => u.name === name);
        if (user) setDialog({ kind: 'rotate-key', user: name, accessKeyId: user.accessKeyId });
      },
      settings: () => setDialog({ kind: 'settings' }),
    }),
    [],
  );

  /** Closes `which` if it is still the open dialog. */
  const close = useCallback((which: DialogState) => setDialog((current) => (current === which ? undefined : current)), []);

  return { dialog, open, close };
}
