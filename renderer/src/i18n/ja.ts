// Japanese UI strings. Typed against en.ts, so a missing or extra key fails to compile.
// Japanese has only the plural category "other": for an English key_one / key_other pair, give
// both the same text (key_one is never picked for ja, but the shape must match).
import type { Messages } from './messages';

export const ja: Messages = {
  app: {
    name: 'Rolecall',
    tagline: 'IAM ユーザーとロールを、短期の認証情報で。',
    loading: 'カタログを読み込んでいます…',
    bridgeMissing: 'ウィンドウとの連携が利用できません。Rolecall アプリから開いてください。',
    loadFailed: 'カタログを読み込めませんでした。',
  },
  empty: {
    title: 'IAM ユーザーを追加してください',
    body: 'Rolecall は IAM ユーザーのアクセスキーを OS のキーチェーンに保管し、ロール用の短期の認証情報に変換します。まずユーザーを追加しましょう。',
    cliLead: 'ターミナルで次を実行します：',
    cliCommand: 'rolecall user add <name> --access-key-id <AKIA…> --mfa-serial <arn>',
    cliSecret: 'シークレットアクセスキーは、画面に表示せずに入力を求められます。',
  },
  catalog: {
    usersHeading: 'IAM ユーザー',
    rolesHeading: 'ロール',
    noRoles: 'ロールはまだありません。rolecall role add で追加できます。',
    accessKeyId: 'アクセスキー ID',
    mfaDevice: 'MFA デバイス',
    noMfa: 'MFA デバイスなし',
    region: 'リージョン',
    keyInKeychain: 'キーチェーンに保管済み',
    keyMissing: 'キーチェーンにキーがありません',
    roleSource: '{{source}} から引き受け',
    roleProfile: 'プロファイル {{profile}}',
    directMode: '直接（個別の MFA コード、最大期間）',
    mfaSessionMode: 'MFA セッション経由（最長 1 時間）',
  },
};
