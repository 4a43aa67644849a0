// The IPC handler table: each channel calls the same core operation the CLI calls, then keeps
// only the contract's fields, so nothing the contract does not name (settings today, anything a
// future core adds tomorrow) reaches the renderer by accident.
import type { CatalogListView } from '../preload/contract';
import type { Core } from './core/core';
import { list, type CatalogView } from './core/operations/list';
import type { Handlers } from './ipc';

export function toCatalogListView(view: CatalogView): CatalogListView {
  return {
    users: view.users.map((u) => ({
      name: u.name,
      accessKeyId: u.accessKeyId,
      ...(u.mfaSerial === undefined ? {} : { mfaSerial: u.mfaSerial }),
      ...(u.region === undefined ? {} : { region: u.region }),
      hasSecret: u.hasSecret,
    })),
    roles: view.roles.map((r) => ({
      name: r.name,
      roleArn: r.roleArn,
      source: r.source,
      ...(r.profile === undefined ? {} : { profile: r.profile }),
      direct: r.direct,
    })),
  };
}

export interface HandlerDeps {
  /** Built lazily on first use: creating the core loads keytar. */
  core: () => Core;
  version: string;
  platform: string;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': () => ({ version: deps.version, platform: deps.platform }),
    'catalog:list': async () => toCatalogListView(await list(deps.core())),
  };
}
