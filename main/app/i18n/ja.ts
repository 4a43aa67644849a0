// Japanese texts of the main process. Typed against en.ts (MainMessages), so a missing or extra
// key fails to compile. Japanese has only the plural category "other": an English key_one /
// key_other pair gets the same text twice (key_one is never picked for ja, but the shape must
// match). Latin letters stay only in names (AWS, IAM, MFA, CLI, Rolecall, bash, zsh, fish,
// PowerShell, PATH, the rolecall command) and in the data inserted through placeholders.
import type { MainMessages } from './index';

export const ja: MainMessages = {
  app: {
    name: 'Rolecall',
  },
  tray: {
    via: '{{role}}（{{source}} 経由）',
    active: '{{role}} — 残り {{time}}',
    endsSoon: '{{role}} — まもなく終了（残り {{time}}）',
    renewalFailed: '{{role}} — 残り {{time}}、更新に失敗（再試行中）',
    needsCodeToExtend: '{{role}} — 残り {{time}}、延長には MFA コードが必要',
    needsCode: '{{role}} — MFA コードが必要…',
    extend: 'MFA コードで延長…',
    stop: '停止',
    noRoles: 'ロールはまだありません',
    nothingYet: 'ウィンドウで IAM ユーザーを追加',
    copyExport: 'エクスポートをコピー',
    openConsole: 'AWS コンソールを開く',
    consoleInBrowser: 'ブラウザで',
    consoleInRolecall: 'Rolecall のウィンドウで',
    stopAll: 'すべて停止',
    open: 'Rolecall を開く',
    quit: 'Rolecall を終了',
    tooltip: 'Rolecall — {{role}}：残り {{time}}',
    tooltipMore_one: '{{tooltip}}（ほか {{count}} 件）',
    tooltipMore_other: '{{tooltip}}（ほか {{count}} 件）',
    title: '{{role}} {{minutes}}分',
  },
  exportFormat: {
    bash: 'bash',
    zsh: 'zsh',
    fish: 'fish',
    powershell: 'PowerShell',
  },
  duration: {
    underMinute: '1 分未満',
    minutes: '{{count}} 分',
    hours: '{{count}} 時間',
    hoursMinutes: '{{hours}} 時間 {{minutes}} 分',
  },
  consoleWindow: {
    live: '{{role}} — 残り {{time}} — AWS コンソール（Rolecall）',
    ended: '{{role}} — ロールのセッションは終了しました。Rolecall からコンソールを開き直してください — AWS コンソール（Rolecall）',
  },
  menu: {
    file: 'ファイル',
    edit: '編集',
    installCli: 'コマンドラインツールをインストール…',
  },
  notification: {
    endsIn_one: '残り {{time}}、{{clock}} に終了します。',
    endsIn_other: '残り {{time}}、{{clock}} に終了します。',
    ended_one: '{{clock}} に終了しました。',
    ended_other: '{{clock}} に終了しました。',
    needsCode: {
      titleOne: '{{role}} に新しい MFA コードが必要です',
      titleTwo: '{{first}} と {{second}} に新しい MFA コードが必要です',
      titleMany: '{{user}} のセッション {{count}} 件に新しい MFA コードが必要です',
      body_one: '更新するには、{{user}} の MFA デバイスに表示される新しいコードが必要です。{{when}}',
      body_other: '更新するには、{{user}} の MFA デバイスに表示される新しいコードが必要です。{{when}}',
      action: '延長…',
    },
    renewalFailed: {
      titleOne: '{{role}} を更新できませんでした',
      titleTwo: '{{first}} と {{second}} を更新できませんでした',
      titleMany: '{{count}} 件のセッションを更新できませんでした',
      body: '{{when}}理由：{{reason}}',
      action: '再試行',
    },
    assumeFailed: {
      title: '{{role}} を引き受けられませんでした',
      body: '理由：{{reason}}',
    },
    endpointNeedsCode: {
      title: '{{role}} に新しい MFA コードが必要です',
      body: 'Rolecall 経由で {{role}} を使うシェルは、Rolecall のウィンドウでコードを入力するまで認証情報を受け取れません。',
    },
  },
  cli: {
    title: 'コマンドラインツール',
    installed: 'rolecall コマンドを {{path}} にインストールしました。',
    installedNotOnPath: 'rolecall コマンドを {{path}} にインストールしました。どのターミナルからも使えるように、{{dir}} を PATH に追加してください。',
    installFailed: 'rolecall コマンドをインストールできませんでした：{{reason}}',
  },
};
