import type { ExportFormat } from '../../../common/export-formats';
import type { TemporaryCredentials } from '../sessions/records';

export interface ExportableSession extends TemporaryCredentials {
  region?: string;
}

/** The variables that carry a session's credentials (`rc clear` of shell-init unsets them). */
export const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CREDENTIAL_EXPIRATION'] as const;

/** The environment a shell needs to act as the role. */
export function exportVariables(session: ExportableSession): Array<[string, string]> {
  const values = [session.accessKeyId, session.secretAccessKey, session.sessionToken, session.expiration];
  const variables: Array<[string, string]> = CREDENTIAL_VARIABLES.map((name, i) => [name, values[i]!]);
  if (session.region) variables.push(['AWS_REGION', session.region]);
  return variables;
}

/** Cleared so a profile named there cannot take precedence over the exported keys. */
export const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const;

// Values are quoted for each shell even though STS values are base64-like today: a quote in
// a value must never become shell syntax.
const posix = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
const fish = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
const powershell = (value: string) => `'${value.replaceAll("'", "''")}'`;

export function formatExport(session: ExportableSession, format: ExportFormat): string {
  return formatVariables(exportVariables(session), PROFILE_VARIABLES, format);
}

/** Statements that set `variables` and unset `unset` in a shell (a file or a program gets the values only). */
export function formatVariables(variables: ReadonlyArray<readonly [string, string]>, unset: readonly string[], format: ExportFormat): string {
  switch (format) {
    case 'bash':
    case 'zsh':
      return [...variables.map(([k, v]) => `export ${k}=${posix(v)}`), `unset ${unset.join(' ')}`].join('\n') + '\n';
    case 'fish':
      // `set -e` fails when a variable is unset; `or true` keeps `… | source; and next` chains going.
      return [...variables.map(([k, v]) => `set -gx ${k} ${fish(v)}`), `set -e ${unset.join(' ')} 2>/dev/null; or true`].join('\n') + '\n';
    case 'powershell':
      return [...variables.map(([k, v]) => `$Env:${k} = ${powershell(v)}`), ...unset.map((k) => `Remove-Item Env:${k} -ErrorAction SilentlyContinue`)].join('\n') + '\n';
    case 'dotenv':
      return variables.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join('\n') + '\n';
    case 'json':
      return `${JSON.stringify(Object.fromEntries(variables), null, 2)}\n`;
  }
}

/** The credential_process contract (Version 1) that the AWS CLI and every SDK read. */
export function credentialProcessJson(session: TemporaryCredentials): string {
  return JSON.stringify({
    Version: 1,
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: session.expiration,
  });
}
