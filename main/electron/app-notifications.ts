// Electron glue for desktop notifications: the scheduler's RenewalNotice worded in the user's
// language (main/app/notifications/notice-text.ts), with its action. macOS shows the action as a
// button; Linux and Windows run it when the notification is clicked.
import { Notification } from 'electron';
import type { RenewalNotice } from '../core/scheduler/renewal';
import type { MainT } from '../app/i18n';
import { noticeText } from '../app/notifications/notice-text';

export interface NotificationDeps {
  platform: string;
  translator(): MainT;
  now(): number;
  /** The zone notification times are written in; undefined: the system's (tests pin one). */
  timeZone?: string;
  /** "Extend…": the window's MFA dialog for the role. */
  extendInWindow(role: string): void;
  /** "Try again": every failed renewal is retried now. */
  renewNow(): void;
}

export interface AppNotifications {
  renewal(notice: RenewalNotice): void;
  /** A plain message (the CLI installed, an assume from the tray failed); a click opens nothing. */
  message(title: string, body: string): void;
}

export function createAppNotifications(deps: NotificationDeps): AppNotifications {
  // Electron drops a notification's listeners when the object is garbage collected: keep each one
  // until it is closed.
  const shown = new Set<Notification>();

  function show(notification: Notification, act?: () => void): void {
    if (act) {
      notification.on('click', act);
      notification.on('action', act);
    }
    notification.on('close', () => shown.delete(notification));
    shown.add(notification);
    notification.show();
  }

  return {
    renewal(notice) {
      if (!Notification.isSupported()) return;
      const { title, body, actionLabel } = noticeText(notice, deps.translator(), { now: deps.now(), timeZone: deps.timeZone });
      const notification = new Notification({
        title,
        body,
        actions: deps.platform === 'darwin' ? [{ type: 'button', text: actionLabel }] : [],
        // Windows keeps it in the Action Center until seen; a session is about to end.
        timeoutType: 'never',
      });
      show(notification, () => (notice.kind === 'needs-mfa-code' ? deps.extendInWindow(notice.roles[0]!) : deps.renewNow()));
    },
    message(title, body) {
      if (!Notification.isSupported()) return;
      show(new Notification({ title, body }));
    },
  };
}
