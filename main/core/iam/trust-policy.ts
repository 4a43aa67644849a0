// Whether a role's trust policy lets a given IAM user assume it, as `rolecall role discover` needs
// to know before offering the role. The document comes from IAM (ListRoles, URL-encoded JSON) and
// is parsed with a schema: it is input we did not write.
//
// IAM's evaluation, restricted to what a trust policy says about one caller (AWS documents it under
// "Policy evaluation logic" and "IAM JSON policy elements: Principal"):
// - a statement applies when its Principal names the caller (the user's ARN, its account's root or
//   account id, or "*") and its Action covers sts:AssumeRole (exactly, "sts:*" or "*");
// - an explicit Deny that applies wins over every Allow; an Allow is needed otherwise;
// - conditions decide whether a statement applies. Rolecall understands the MFA ones (it can
//   supply MFA) and sts:ExternalId (the role then needs its external id); any other condition is
//   reported, not guessed: the role is offered with "depends on <key>".
// The user's own identity policy must allow the AssumeRole too: a trust policy alone cannot say
// that, and a cross-account role is marked so the person knows.
import { z } from 'zod';

const stringOrList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const principalSchema = z.union([
  z.literal('*'),
  z.record(z.string(), stringOrList), // { AWS: …, Service: …, Federated: … }
]);

/** Condition operator → condition key → value(s). Values may be strings, numbers or booleans in JSON. */
const conditionSchema = z.record(
  z.string(),
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))])),
);

const statementSchema = z.object({
  Effect: z.enum(['Allow', 'Deny']),
  Principal: principalSchema.optional(),
  NotPrincipal: principalSchema.optional(),
  Action: stringOrList.optional(),
  NotAction: stringOrList.optional(),
  Condition: conditionSchema.optional(),
});

const policySchema = z.object({
  Statement: z.union([statementSchema, z.array(statementSchema)]).transform((v) => (Array.isArray(v) ? v : [v])),
});

type Statement = z.infer<typeof statementSchema>;

export interface Caller {
  /** arn:aws:iam::111122223333:user/path/dev-user */
  userArn: string;
}

export interface TrustVerdict {
  /** The trust policy lets the caller assume the role (given the conditions below). */
  trusts: boolean;
  /** Only with MFA: an Allow requires it, or a Deny applies without it. */
  needsMfa: boolean;
  /** An Allow requires sts:ExternalId. */
  needsExternalId: boolean;
  /** Condition keys Rolecall cannot evaluate that decide whether the role is assumable. */
  dependsOn: string[];
  /** Why not, in words, when it does not trust the caller. */
  reason?: string;
}

const MFA_KEYS = new Set(['aws:multifactorauthpresent', 'aws:multifactorauthage']);
const EXTERNAL_ID = 'sts:externalid';

/** Parses the document IAM returns (URL-encoded JSON); undefined when it is not a policy. */
export function parseTrustPolicy(document: string): z.infer<typeof policySchema> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(decodeURIComponent(document));
  } catch {
    return undefined;
  }
  const parsed = policySchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

function accountOf(arn: string): string | undefined {
  return /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(arn)?.[1];
}

/** Whether a Principal element names the caller. */
function namesCaller(principal: z.infer<typeof principalSchema> | undefined, caller: Caller): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  const account = accountOf(caller.userArn);
  const partition = /^arn:(aws[a-z-]*):/.exec(caller.userArn)?.[1] ?? 'aws';
  return (principal.AWS ?? []).some(
    (p) => p === '*' || p === caller.userArn || (account !== undefined && (p === account || p === `arn:${partition}:iam::${account}:root`)),
  );
}

/** IAM's action wildcards (`*` any run, `?` one character), case-insensitive. */
function actionPattern(action: string): RegExp {
  const escaped = action
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function coversAssumeRole(statement: Statement): boolean {
  const matches = (action: string) => actionPattern(action).test('sts:AssumeRole');
  if (statement.Action) return statement.Action.some(matches);
  if (statement.NotAction) return !statement.NotAction.some(matches);
  return false;
}

function applies(statement: Statement, caller: Caller): boolean {
  const principal =
    statement.Principal !== undefined ? namesCaller(statement.Principal, caller) : statement.NotPrincipal !== undefined && !namesCaller(statement.NotPrincipal, caller);
  return principal && coversAssumeRole(statement);
}

/** What a statement's conditions mean for a caller who can bring MFA and an external id. */
interface ConditionReading {
  /** The statement applies only with MFA present. */
  withMfa: boolean;
  /** The statement applies only without MFA (a Deny that forces MFA). */
  withoutMfa: boolean;
  externalId: boolean;
  unknown: string[];
}

function readConditions(statement: Statement): ConditionReading {
  const reading: ConditionReading = { withMfa: false, withoutMfa: false, externalId: false, unknown: [] };
  for (const [operator, keys] of Object.entries(statement.Condition ?? {})) {
    for (const [rawKey, rawValue] of Object.entries(keys)) {
      const key = rawKey.toLowerCase();
      const values = (Array.isArray(rawValue) ? rawValue : [rawValue]).map((v) => String(v).toLowerCase());
      const op = operator.toLowerCase();
      if (MFA_KEYS.has(key) && op === 'null') {
        // Null: "true" means the key is absent (no MFA), "false" that it is there (MFA).
        if (values.includes('true')) reading.withoutMfa = true;
        else reading.withMfa = true;
      } else if (key === 'aws:multifactorauthpresent' && /^bool(ifexists)?$/.test(op)) {
        if (values.includes('true')) reading.withMfa = true;
        else reading.withoutMfa = true;
      } else if (key === 'aws:multifactorauthage') {
        // Under a numeric operator: the key exists only with MFA.
        reading.withMfa = true;
      } else if (key === EXTERNAL_ID) {
        reading.externalId = true;
      } else {
        reading.unknown.push(rawKey);
      }
    }
  }
  return reading;
}

/** Evaluates a role's trust policy document for the caller. */
export function evaluateTrust(document: string, caller: Caller): TrustVerdict {
  const policy = parseTrustPolicy(document);
  if (!policy) return { trusts: false, needsMfa: false, needsExternalId: false, dependsOn: [], reason: 'its trust policy could not be read' };
  const relevant = policy.Statement.filter((s) => applies(s, caller));
  const denies = relevant.filter((s) => s.Effect === 'Deny').map((s) => ({ s, c: readConditions(s) }));
  const allows = relevant.filter((s) => s.Effect === 'Allow').map((s) => ({ s, c: readConditions(s) }));

  // A Deny with no condition, or one that holds whatever MFA and external id the caller brings, wins.
  const unconditionalDeny = denies.find(({ c }) => !c.withMfa && !c.withoutMfa && !c.externalId && c.unknown.length === 0);
  if (unconditionalDeny) return { trusts: false, needsMfa: false, needsExternalId: false, dependsOn: [], reason: 'its trust policy denies this user' };
  // A Deny that applies only with MFA present would forbid the way in Rolecall uses: treat it as a deny too.
  if (denies.some(({ c }) => c.withMfa && !c.withoutMfa && c.unknown.length === 0)) {
    return { trusts: false, needsMfa: false, needsExternalId: false, dependsOn: [], reason: 'its trust policy denies this user when signed in with MFA' };
  }
  if (allows.length === 0)
    return { trusts: false, needsMfa: false, needsExternalId: false, dependsOn: [], reason: 'its trust policy does not name this user or its account' };

  // The easiest Allow wins: fewest demands on the caller.
  const cost = ({ c }: { c: ConditionReading }) => (c.withoutMfa ? 100 : 0) + (c.withMfa ? 1 : 0) + (c.externalId ? 2 : 0) + c.unknown.length * 10;
  const best = [...allows].sort((a, b) => cost(a) - cost(b))[0]!;
  if (best.c.withoutMfa) {
    // Allowed only without MFA: Rolecall would still use MFA where the user has a device; say so.
    return { trusts: true, needsMfa: false, needsExternalId: best.c.externalId, dependsOn: ['aws:MultiFactorAuthPresent = false'] };
  }
  const mfaForcedByDeny = denies.some(({ c }) => c.withoutMfa);
  const dependsOn = [...best.c.unknown, ...denies.flatMap(({ c }) => c.unknown)];
  return { trusts: true, needsMfa: best.c.withMfa || mfaForcedByDeny, needsExternalId: best.c.externalId, dependsOn: [...new Set(dependsOn)] };
}
