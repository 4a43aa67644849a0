// Japanese UI strings. Typed against en.ts, so a missing or extra key fails to compile.
import type { Messages } from './messages';

export const ja: Messages = {
  appName: 'Rolecall',
  tagline: 'IAM ユーザーとロールを、短期の認証情報で。',
  loading: 'カタログを読み込んでいます…',
  bridgeMissing: 'ウィンドウとの連携が利用できません。Rolecall アプリから開いてください。',
  loadFailed: 'カタログを読み込めませんでした。',
  emptyTitle: 'IAM ユーザーを追加してください',
  emptyBody:
    'Rolecall は IAM ユーザーのアクセスキーを OS のキーチェーンに保管し、ロール用の短期の認証情報に変換します。まずユーザーを追加しましょう。',
  emptyCliLead: 'ターミナルで次を実行します：',
  emptyCliCommand: 'rolecall user add <name> --access-key-id <AKIA…> --mfa-serial <arn>',
  emptyCliSecret: 'シークレットアクセスキーは、画面に表示せずに入力を求められます。',
  usersHeading: 'IAM ユーザー',
  rolesHeading: 'ロール',
  noRoles: 'ロールはまだありません。rolecall role add で追加できます。',
  accessKeyId: 'アクセスキー ID',
  mfaDevice: 'MFA デバイス',
  noMfa: 'MFA デバイスなし',
  region: 'リージョン',
  keyInKeychain: 'キーチェーンに保管済み',
  keyMissing: 'キーチェーンにキーがありません',
  roleSource: (source: string) => `${source} から引き受け`,
  roleProfile: (profile: string) => `プロファイル ${profile}`,
  directMode: '直接（個別の MFA コード、最大期間）',
  mfaSessionMode: 'MFA セッション経由（最長 1 時間）',
};
