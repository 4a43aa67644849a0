// How `rolecall role discover` speaks: the roles a user may assume as a table (stdout), and what
// was added or could not be judged as sentences (stderr), like every other command.
import type { OperationOutput } from '../../common/operations';
import { durationText } from './notice-text';
import { say, table } from './output';

type Discovery = OperationOutput<'role:discover'>;

/** The conditions a role sets beyond its principal, in words. */
function conditions(role: Discovery['roles'][number]): string {
  const words = [...(role.needsExternalId ? ['external id'] : []), ...role.dependsOn.map((key) => `depends on ${key}`)];
  return words.length ? words.join('; ') : '-';
}

export function discoveryTable(found: Discovery): string {
  const rows = [['ROLE', 'MFA', 'MAX SESSION', 'CONDITIONS', 'IN CATALOG', 'ARN']];
  for (const role of found.roles) {
    rows.push([
      role.name,
      role.needsMfa ? 'needs MFA' : 'no MFA',
      durationText(role.maxSessionDuration),
      conditions(role),
      role.inCatalog.length ? role.inCatalog.join(', ') : '-',
      role.roleArn,
    ]);
  }
  return table(rows);
}

/** What the person should know besides the table. */
export function sayDiscovery(found: Discovery, adding: boolean): void {
  if (found.viaMfaSession) say(`IAM lists roles for ${found.user} only with MFA: its MFA session was used.`);
  const others = found.notTrusting
    ? ` (${found.notTrusting} other role${found.notTrusting === 1 ? '' : 's'} of the account do${found.notTrusting === 1 ? 'es' : ''} not trust it)`
    : '';
  say(
    found.roles.length
      ? `${found.roles.length} role${found.roles.length === 1 ? '' : 's'} trust${found.roles.length === 1 ? 's' : ''} ${found.userArn}${others}.`
      : `No role of the account trusts ${found.userArn}${others}.`,
  );
  if (found.roles.some((r) => r.dependsOn.length))
    say('A role that depends on a condition Rolecall cannot check may still refuse you: its trust policy decides at assume time.');
  if (found.roles.length && !adding)
    say(
      `Add some with: rolecall role discover ${found.user} --add <role>... (--direct: roles that need MFA and allow more than 1 h get their full length, one code per assume)`,
    );
  for (const name of found.alreadyInCatalog) say(`${name} is already in the catalog with this ARN: left as it is.`);
  for (const role of found.added) {
    const how = role.direct ? `direct, ${durationText(role.duration ?? 0)} with its own MFA code` : `via ${role.source}`;
    say(`Role ${role.name} added (${role.roleArn}, ${how}).`);
  }
}
