// The renderer's only way to main: window.rolecall, which the preload exposes (or a test bridge
// stands in for). Types come from the contract, imported as types only.
import type { Channel, ChannelRequest, ChannelResponse, IpcResult, RolecallApi } from '../../common/contract';

declare global {
  interface Window {
    rolecall?: RolecallApi;
  }
}

export type Bridge = RolecallApi;

export function getBridge(): Bridge | undefined {
  return typeof window === 'undefined' ? undefined : window.rolecall;
}

/** Calls a channel; a transport failure becomes an error result like any other. */
export async function call<C extends Channel>(bridge: Bridge, channel: C, request: ChannelRequest<C>): Promise<IpcResult<ChannelResponse<C>>> {
  try {
    return await bridge.invoke(channel, request);
  } catch (error) {
    return { ok: false, error: { code: 'Unexpected', message: error instanceof Error ? error.message : String(error) } };
  }
}
