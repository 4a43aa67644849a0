// What role discovery may add, and how: the one rule core's `role discover --add` applies and the
// window's "Find roles" shows before anything is asked, so the list never offers a role core
// would refuse, and the "direct" choice says exactly which roles it changes.
import { CHAINED_ROLE_MAX_SECONDS, NAME } from './rules';

/** What a found role brings to the decision (a view or core's own record). */
export interface FoundRoleFacts {
  name: string;
  roleArn: string;
  needsMfa: boolean;
  needsExternalId: boolean;
  maxSessionDuration: number;
}

/** The catalog as far as the decision looks at it. */
export interface CatalogNames {
  users: ReadonlyArray<{ name: string }>;
  roles: ReadonlyArray<{ name: string; roleArn: string }>;
}

/** Why a found role cannot be added as it is (each worded by the CLI and by the window). */
export type NotAddable = 'in-catalog' | 'bad-name' | 'name-taken-by-role' | 'name-taken-by-user' | 'external-id' | 'mfa-without-device';

/**
 * Why `role` cannot be added for a user with (or without) an MFA device, or undefined when it can.
 * 'in-catalog': the catalog has it under its own name and ARN already (adding it again changes nothing).
 */
export function whyNotAddable(role: FoundRoleFacts, catalog: CatalogNames, userHasMfaDevice: boolean): NotAddable | undefined {
  const same = catalog.roles.find((r) => r.name === role.name);
  if (same?.roleArn === role.roleArn) return 'in-catalog';
  if (!NAME.test(role.name)) return 'bad-name';
  if (same) return 'name-taken-by-role';
  if (catalog.users.some((u) => u.name === role.name)) return 'name-taken-by-user';
  if (role.needsExternalId) return 'external-id';
  if (role.needsMfa && !userHasMfaDevice) return 'mfa-without-device';
  return undefined;
}

/**
 * Whether an added role becomes direct (its own code at each assume, its whole maximum) when the
 * person asked for direct roles: only one that needs MFA and allows more than the chained hour.
 * From the MFA session it would be capped at an hour; the person chooses, not Rolecall.
 */
export function becomesDirect(role: Pick<FoundRoleFacts, 'needsMfa' | 'maxSessionDuration'>, userHasMfaDevice: boolean, directAsked: boolean): boolean {
  return directAsked && role.needsMfa && userHasMfaDevice && role.maxSessionDuration > CHAINED_ROLE_MAX_SECONDS;
}

/** The account id of an ARN (its fifth field), or undefined when it has none. */
export function arnAccount(arn: string): string | undefined {
  const account = arn.split(':')[4];
  return account ? account : undefined;
}
