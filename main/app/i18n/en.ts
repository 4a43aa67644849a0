// English texts of the main process (tray, notifications, CLI install): the source of truth for
// keys; ja.ts must have exactly these (main/app/i18n/index.ts types both from this file).
// i18next syntax: {{name}} placeholders, key_one / key_other plurals picked by {{count}}.
// Names (roles, users, paths) are data and are inserted as they are, never translated.
export const en = {
  app: {
    name: 'Rolecall',
  },
  tray: {
    /** A role reached through another role: the chain reads in the label. */
    via: '{{role}} (via {{source}})',
    active: '{{role}} — {{time}} left',
    endsSoon: '{{role}} — ends soon, {{time}} left',
    renewalFailed: '{{role}} — {{time}} left, could not renew (trying again)',
    needsCodeToExtend: '{{role}} — {{time}} left, needs an MFA code to extend',
    /** An idle role whose assume asks for a code: the click opens the window's MFA dialog. */
    needsCode: '{{role}} — needs an MFA code…',
    extend: 'Extend with an MFA code…',
    stop: 'Stop',
    noRoles: 'No roles yet',
    nothingYet: 'Add an IAM user in the window',
    copyExport: 'Copy export',
    openConsole: 'Open AWS console',
    consoleInBrowser: 'In your browser',
    consoleInRolecall: 'In a Rolecall window',
    stopAll: 'Stop all',
    open: 'Open Rolecall',
    quit: 'Quit Rolecall',
    tooltip: 'Rolecall — {{role}}: {{time}} left',
    tooltipMore_one: '{{tooltip}} (+{{count}} more)',
    tooltipMore_other: '{{tooltip}} (+{{count}} more)',
    /** The macOS menu bar's short text next to the icon. */
    title: '{{role}} {{minutes}}m',
  },
  exportFormat: {
    bash: 'bash',
    zsh: 'zsh',
    fish: 'fish',
    powershell: 'PowerShell',
  },
  duration: {
    underMinute: 'under 1 min',
    minutes: '{{count}} min',
    hours: '{{count}} h',
    hoursMinutes: '{{hours}} h {{minutes}} min',
  },
  consoleWindow: {
    /** The title of a role's console window (main/app/console-window.ts). */
    live: '{{role}} — {{time}} left — AWS console (Rolecall)',
    ended: '{{role}} — the role session has ended: open the console again from Rolecall — AWS console (Rolecall)',
  },
  menu: {
    file: 'File',
    edit: 'Edit',
    installCli: 'Install command-line tool…',
  },
  notification: {
    endsIn_one: 'It ends in {{time}}, at {{clock}}.',
    endsIn_other: 'They end in {{time}}, at {{clock}}.',
    ended_one: 'It ended at {{clock}}.',
    ended_other: 'They ended at {{clock}}.',
    needsCode: {
      titleOne: '{{role}} needs a new MFA code',
      titleTwo: '{{first}} and {{second}} need a new MFA code',
      titleMany: '{{count}} sessions of {{user}} need a new MFA code',
      body_one: 'To renew it, Rolecall needs a new code from the MFA device of {{user}}. {{when}}',
      body_other: 'To renew them, Rolecall needs a new code from the MFA device of {{user}}. {{when}}',
      action: 'Extend…',
    },
    renewalFailed: {
      titleOne: 'Could not renew {{role}}',
      titleTwo: 'Could not renew {{first}} and {{second}}',
      titleMany: 'Could not renew {{count}} sessions',
      /** {{reason}} is core's English text, shown as it is. */
      body: '{{when}} Reason: {{reason}}',
      action: 'Try again',
    },
    assumeFailed: {
      title: 'Could not assume {{role}}',
      body: 'Reason: {{reason}}',
    },
    /** The app's credential endpoint could not renew a role a shell uses without a code. */
    endpointNeedsCode: {
      title: '{{role}} needs a new MFA code',
      body: 'Shells that use {{role}} through Rolecall get no credentials until you enter a code in the Rolecall window.',
    },
  },
  cli: {
    title: 'Command-line tool',
    installed: 'The rolecall command is installed at {{path}}.',
    installedNotOnPath: 'The rolecall command is installed at {{path}}; add {{dir}} to your PATH to run it from any terminal.',
    installFailed: 'Could not install the rolecall command: {{reason}}',
  },
};
