// What a row can ask for. Provided once through context with a stable identity, so memoised rows
// never re-render because a callback was recreated.
import { createContext, useContext } from 'react';
import type { SessionActions } from '../state/operations';

export interface RowActions extends SessionActions {
  editUser(name: string): void;
  removeUser(name: string): void;
  findRoles(user: string): void;
  rotateKey(user: string): void;
  editRole(name: string): void;
  removeRole(name: string): void;
}

const noop = () => undefined;

export const RowActionsContext = createContext<RowActions>({
  assume: noop,
  extend: noop,
  stop: noop,
  endMfa: noop,
  copy: noop,
  openConsole: noop,
  dismiss: noop,
  editUser: noop,
  removeUser: noop,
  findRoles: noop,
  rotateKey: noop,
  editRole: noop,
  removeRole: noop,
});

export function useRowActions(): RowActions {
  return useContext(RowActionsContext);
}
