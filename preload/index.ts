// The sandboxed preload: exposes exactly one frozen object, `window.rolecall`. It imports only
// `electron` and common/'s contract (bundled into this one file: a sandboxed preload cannot require
// anything else), so nothing else can end up in the renderer's reach. Raw ipcRenderer, process
// and require are never exposed (unlike electron-vite's template).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENT_CHANNEL, type AppEvent, type Channel, type IpcResult, type RolecallApi } from '../common/contract';

function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

const api: RolecallApi = {
  invoke(channel, request) {
    // SECURITY: the renderer cannot reach any IPC channel outside the contract.
    if (!isChannel(channel)) {
      const refused: IpcResult<never> = { ok: false, error: { code: 'UnknownChannel', message: `Unknown channel: ${String(channel)}` } };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(channel, request);
  },
  onEvent(listener) {
    // SECURITY: the IpcRendererEvent (and its sender) never reaches the renderer, only the payload.
    const forward = (_event: IpcRendererEvent, payload: AppEvent) => listener(payload);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('rolecall', Object.freeze(api));
