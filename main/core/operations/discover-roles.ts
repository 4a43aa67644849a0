// `rolecall role discover`: the roles a user may assume, found from their trust policies rather
// than typed in by ARN. IAM's ListRoles (every page) with the user's long-term key, or with its MFA
// session when the user's policy allows listing only with MFA; GetCallerIdentity for the user's
// ARN; iam/trust-policy.ts decides which roles trust it. Chosen roles are added with what was
// found: the user as source, and, when asked (--direct), a role that needs MFA and allows more
// than an hour becomes a direct role for its whole maximum.
import type { Core } from '../core';
import type { Catalog, Role, User } from '../../../common/catalog-schema';
import { becomesDirect, whyNotAddable } from '../../../common/discovery';
import { quoted } from '../../../common/rules';
import { discoverRolesInput, type DiscoverRolesInput } from '../../../common/inputs';
import { userAddCommand } from '../catalog/user-add-command';
import { longTermKey } from '../keychain/long-term-key';
import { InvalidInputError, RolecallError } from '../errors';
import { Iam, type ListedRole } from '../iam/client';
import { explainIamError } from '../iam/errors';
import { evaluateTrust, type TrustVerdict } from '../iam/trust-policy';
import type { Notice } from '../sessions/notices';
import { Sts, type CallerCredentials } from '../sts/client';
import { awsErrorCode, explainStsError } from '../sts/errors';
import { stsRegion } from '../sts/region';
import { parseInput } from './parse-input';
import { addRole } from './roles';
import type { Interaction } from './sessions';

export interface DiscoveredRole extends Pick<TrustVerdict, 'needsMfa' | 'needsExternalId' | 'dependsOn'> {
  name: string;
  roleArn: string;
  maxSessionDuration: number;
  inCatalog: string[];
}

export interface Discovery {
  user: string;
  userArn: string;
  roles: DiscoveredRole[];
  notTrusting: number;
  viaMfaSession: boolean;
  added: Role[];
  alreadyInCatalog: string[];
  notices: Notice[];
}

export async function discoverRoles(core: Core, input: DiscoverRolesInput, interaction: Interaction = {}): Promise<Discovery> {
  const request = parseInput(discoverRolesInput, input, 'discovery request');
  const catalog = core.catalog.load();
  const user = whichUser(catalog, request.user);
  const key = await longTermKey(core.secrets, user);
  const region = stsRegion(core.env, user.region);
  const userArn = await callerArn(core, key, region, user);
  const notices: Notice[] = [];
  const { roles: listed, viaMfaSession } = await listRoles(core, user, key, region, async () => {
    const { session, notices: told } = await core.engine.userMfaSession(user, { mfaCode: request.mfaCode, ...interaction });
    notices.push(...told);
    return session;
  });

  const roles: DiscoveredRole[] = [];
  for (const role of listed) {
    const verdict = evaluateTrust(role.trustPolicy, { userArn });
    if (!verdict.trusts) continue;
    roles.push({
      name: role.name,
      roleArn: role.arn,
      maxSessionDuration: role.maxSessionDuration,
      needsMfa: verdict.needsMfa,
      needsExternalId: verdict.needsExternalId,
      dependsOn: verdict.dependsOn,
      inCatalog: catalog.roles.filter((r) => r.roleArn === role.arn).map((r) => r.name),
    });
  }

  const { toAdd, alreadyInCatalog } = chosen(catalog, user, roles, request.add ?? [], request.direct);
  const added: Role[] = [];
  for (const role of toAdd) added.push(await addRole(core, role));
  return { user: user.name, userArn, roles, notTrusting: listed.length - roles.length, viaMfaSession, added, alreadyInCatalog, notices };
}

function whichUser(catalog: Catalog, name: string | undefined): User {
  if (name !== undefined) {
    const user = catalog.users.find((u) => u.name === name);
    if (!user) throw new RolecallError(`There is no user named ${quoted(name)}.`, 'rolecall list shows the users; rolecall user add adds one.', 'UnknownUser');
    return user;
  }
  if (catalog.users.length === 1) return catalog.users[0]!;
  throw new InvalidInputError(
    catalog.users.length ? 'Name the user whose roles to find: the catalog has several.' : 'There is no user yet whose roles could be found.',
    'user',
    catalog.users.length
      ? `rolecall role discover <user> (one of: ${catalog.users.map((u) => u.name).join(', ')})`
      : 'Add one first: rolecall user add <name> --access-key-id <AKIA…>',
  );
}

/** The user's ARN as AWS knows its key: what trust policies name. */
async function callerArn(core: Core, key: CallerCredentials, region: string, user: User): Promise<string> {
  const sts = new Sts(key, region, core.env);
  try {
    return (await sts.whoAmI()).arn;
  } catch (error) {
    throw explainStsError(error, { doing: `asking who the key of ${user.name} belongs to`, user: user.name, accessKeyId: user.accessKeyId, userDetails: user });
  } finally {
    sts.destroy();
  }
}

const LIST_ROLES = 'iam:ListRoles';

/**
 * Every role of the account. Many policies allow IAM only with MFA: when IAM refuses the long-term
 * key and the user has an MFA device, the MFA session (cached, or started with a code) asks again.
 */
async function listRoles(
  core: Core,
  user: User,
  key: CallerCredentials,
  region: string,
  mfaSession: () => Promise<CallerCredentials>,
): Promise<{ roles: ListedRole[]; viaMfaSession: boolean }> {
  const context = {
    doing: `listing the roles of ${user.name}'s account`,
    action: LIST_ROLES,
    user: user.name,
    accessKeyId: user.accessKeyId,
    userDetails: user,
    without: `meanwhile add the roles you know by ARN: rolecall role add <name> --role-arn <arn> --source ${user.name}`,
  };
  const list = async (credentials: CallerCredentials) => {
    const iam = await Iam.open(credentials, region, core.env);
    try {
      return await iam.listRoles();
    } finally {
      iam.destroy();
    }
  };
  try {
    return { roles: await list(key), viaMfaSession: false };
  } catch (error) {
    if (awsErrorCode(error) !== 'AccessDenied' || !user.mfaSerial) throw explainIamError(error, context);
  }
  const session = await mfaSession();
  try {
    return { roles: await list(session), viaMfaSession: true };
  } catch (error) {
    throw explainIamError(error, { ...context, doing: `${context.doing} (with its MFA session too)` });
  }
}

/** The roles to add, each checked before any is added, so a refusal adds none. */
function chosen(catalog: Catalog, user: User, found: DiscoveredRole[], names: string[], direct: boolean): { toAdd: Role[]; alreadyInCatalog: string[] } {
  const toAdd: Role[] = [];
  const alreadyInCatalog: string[] = [];
  for (const name of new Set(names)) {
    const role = found.find((r) => r.name === name);
    const refuse = (why: string, hint: string) => new InvalidInputError(`Cannot add ${quoted(name)}: ${why}`, 'add', hint);
    if (!role) throw refuse(`it is not among the roles whose trust policy lets ${user.name} assume them.`, `rolecall role discover ${user.name} lists them.`);
    const hasDevice = user.mfaSerial !== undefined;
    const why = whyNotAddable(role, catalog, hasDevice);
    if (why === 'in-catalog') {
      alreadyInCatalog.push(name);
      continue;
    }
    const byHand = `rolecall role add <name> --role-arn ${role.roleArn} --source ${user.name}`;
    if (why === 'bad-name') throw refuse('its name cannot be a profile name.', `Add it under another name: ${byHand}`);
    if (why === 'name-taken-by-role' || why === 'name-taken-by-user')
      throw refuse(`the catalog already has a ${why === 'name-taken-by-role' ? 'role' : 'user'} of that name.`, `Add it under another name: ${byHand}`);
    if (why === 'external-id') throw refuse('its trust policy demands an external id, which discovery cannot know.', `${byHand} --external-id <id>`);
    if (why === 'mfa-without-device') {
      throw refuse(
        `its trust policy demands MFA and ${user.name} has no MFA device in Rolecall.`,
        `${userAddCommand(user, user.accessKeyId)} --mfa-serial <arn> adds one.`,
      );
    }
    const isDirect = becomesDirect(role, hasDevice, direct);
    toAdd.push({ name, roleArn: role.roleArn, source: user.name, direct: isDirect, ...(isDirect ? { duration: role.maxSessionDuration } : {}) });
  }
  return { toAdd, alreadyInCatalog };
}
