// The IPC contract between main and the renderer: channel names, request and response types.
// Main imports it; the preload and the renderer `import type` it. No response type may carry a
// secret access key or a session token: only names, ARNs, states and flags.

/** Every channel the renderer may invoke. The preload refuses any other name before it reaches IPC. */
export const CHANNELS = ['app:info', 'catalog:list'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The one channel main pushes events on; the preload strips the IpcRendererEvent. */
export const EVENT_CHANNEL = 'rolecall:event';

/** Channels that take no arguments still get an (empty) object, so a schema can refuse extras. */
export type EmptyRequest = Record<string, never>;

export interface AppInfo {
  version: string;
  platform: string;
}

export interface CatalogUserView {
  name: string;
  /** The access key id is an identifier, not a secret; the secret never leaves main. */
  accessKeyId: string;
  mfaSerial?: string;
  region?: string;
  /** Whether the keychain holds this user's secret access key. */
  hasSecret: boolean;
}

export interface CatalogRoleView {
  name: string;
  roleArn: string;
  /** A user's or another role's name. */
  source: string;
  profile?: string;
  /** Assumed from the long-term key with its own MFA code, rather than from the MFA session. */
  direct: boolean;
}

export interface CatalogListView {
  users: CatalogUserView[];
  roles: CatalogRoleView[];
}

export interface ChannelMap {
  'app:info': { request: EmptyRequest; response: AppInfo };
  'catalog:list': { request: EmptyRequest; response: CatalogListView };
}

export type ChannelRequest<C extends Channel> = ChannelMap[C]['request'];
export type ChannelResponse<C extends Channel> = ChannelMap[C]['response'];

/** What a person can act on: a message and, when there is one, what to do about it. */
export interface IpcError {
  message: string;
  hint?: string;
}

/** Every invoke resolves to this: main never lets a thrown error (and its stack) cross IPC. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcError };

/** Events main pushes to the renderer. */
export type AppEvent = { type: 'catalog:changed' };

/** The one object the preload exposes as `window.rolecall`. */
export interface RolecallApi {
  invoke<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<IpcResult<ChannelResponse<C>>>;
  /** Subscribes to main's events; returns the function that unsubscribes. */
  onEvent(listener: (event: AppEvent) => void): () => void;
}
