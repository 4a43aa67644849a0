// Electron glue for the tray: the icon, the menu rebuilt from state (main/app/tray/build-tray.ts), the
// tooltip and, on macOS, the menu bar title. A click runs a TrayAction; its failure is shown by
// `onActionFailed`. The minutes left in the labels move on once a minute while a session is live
// (a display clock; the scheduler's renewals have their own single timer in core).
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { MainT } from '../app/i18n';
import { buildTray, type TrayAction, type TrayState } from '../app/tray/build-tray';
import { dispatchTrayAction, toMenuTemplate, type TrayOperations } from '../app/tray/tray-actions';

export interface AppTrayDeps {
  /** The app folder (app.getAppPath()): the images are read from its assets/ (asar paths work). */
  appPath: string;
  platform: string;
  state(): Promise<TrayState>;
  translator(): MainT;
  operations: TrayOperations;
  onActionFailed(action: TrayAction, error: unknown): void;
  onError(error: unknown): void;
}

export interface AppTray {
  /** Reads the state again and rebuilds the menu; calls made meanwhile fold into one more. */
  refresh(): Promise<void>;
  destroy(): void;
}

const MINUTE_MS = 60_000;

function trayImage(appPath: string, platform: string) {
  // macOS: a black-and-alpha template the menu bar tints for light and dark; elsewhere colour.
  // nativeImage picks the @2x file beside each on HiDPI screens.
  const image = nativeImage.createFromPath(join(appPath, 'assets', platform === 'darwin' ? 'trayTemplate.png' : 'tray.png'));
  if (platform === 'darwin') image.setTemplateImage(true);
  return image;
}

export function createAppTray(deps: AppTrayDeps): AppTray {
  const tray = new Tray(trayImage(deps.appPath, deps.platform));
  let tick: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let destroyed = false;

  const onAction = (action: TrayAction) => {
    dispatchTrayAction(action, deps.operations)
      .catch((error: unknown) => deps.onActionFailed(action, error))
      // Electron flipped a checkbox's mark on click: the menu shows the real state again.
      .finally(() => void refresh());
  };

  async function rebuild(): Promise<void> {
    if (tick) clearTimeout(tick);
    tick = undefined;
    let state: TrayState;
    try {
      state = await deps.state();
    } catch (error) {
      // The keychain locked, a catalog mid-edit: try again in a minute rather than leave a
      // countdown standing still (or a session shown live past its end).
      deps.onError(error);
      tick = setTimeout(() => void refresh(), MINUTE_MS);
      return;
    }
    if (destroyed) return;
    const view = buildTray(state, deps.translator());
    tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(view.items, onAction)));
    tray.setToolTip(view.tooltip);
    if (deps.platform === 'darwin') tray.setTitle(view.title ?? '');
    const live = state.sessions.some((s) => Date.parse(s.expiresAt) > state.now);
    if (live) {
      // At the next whole minute of the earliest session's countdown, so labels change on time.
      const next = Math.min(...state.sessions.map((s) => (Date.parse(s.expiresAt) - state.now) % MINUTE_MS).filter((ms) => ms > 0), MINUTE_MS);
      tick = setTimeout(() => void refresh(), next + 50);
    }
  }

  function refresh(): Promise<void> {
    if (destroyed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await rebuild().catch(deps.onError);
        } while (again && !destroyed);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  // Linux and Windows: a left click opens the window (the menu is on the right button); macOS
  // shows the menu on either.
  if (deps.platform !== 'darwin') tray.on('click', () => deps.operations.openWindow());

  return {
    refresh,
    destroy() {
      destroyed = true;
      if (tick) clearTimeout(tick);
      tray.destroy();
    },
  };
}
