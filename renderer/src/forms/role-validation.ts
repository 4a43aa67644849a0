// The role form's values checked with the core's own roleSchema. The duration is typed in minutes
// and checked in seconds, the unit the catalog and AWS use.
import { roleSchema } from '../../../common/catalog-schema';
import { ROLE_DURATION } from '../../../common/rules';
import type { CatalogRoleView, RoleSaveRequest } from '../../../common/contract';
import { compact, issuesByField, optional, type Checked, type FieldErrors, type FieldIssue } from './issues';
import { scaledNumber } from './typed-number';

export interface RoleFormValues {
  name: string;
  roleArn: string;
  source: string;
  profile: string;
  /** Minutes, as typed; blank for the default. */
  duration: string;
  direct: boolean;
  externalId: string;
  sessionName: string;
  sourceIdentity: string;
  region: string;
}

export const ROLE_FIELDS = ['name', 'roleArn', 'source', 'profile', 'duration', 'direct', 'externalId', 'sessionName', 'sourceIdentity', 'region'] as const;
export type RoleField = (typeof ROLE_FIELDS)[number];

const ROLE_ARN_EXAMPLE = 'arn:aws:iam::123456789012:role/admin';
const REGION_EXAMPLE = 'us-east-1';

export function roleFormValues(role: CatalogRoleView | undefined, defaultSource = ''): RoleFormValues {
  return {
    name: role?.name ?? '',
    roleArn: role?.roleArn ?? '',
    source: role?.source ?? defaultSource,
    profile: role?.profile ?? '',
    duration: role?.duration === undefined ? '' : String(role.duration / 60),
    direct: role?.direct ?? false,
    externalId: role?.externalId ?? '',
    sessionName: role?.sessionName ?? '',
    sourceIdentity: role?.sourceIdentity ?? '',
    region: role?.region ?? '',
  };
}

function describe(field: RoleField): FieldIssue {
  switch (field) {
    case 'roleArn':
      return { key: 'roleArn', values: { example: ROLE_ARN_EXAMPLE } };
    case 'region':
      return { key: 'region', values: { example: REGION_EXAMPLE } };
    case 'duration':
      return { key: 'duration', values: { min: ROLE_DURATION.min / 60, max: ROLE_DURATION.max / 60 } };
    case 'direct':
      return { key: 'invalid' };
    default:
      return { key: field };
  }
}

/** `sourceIsRole`: a role chained from another role is always assumed from that role's session. */
export function checkRole(values: RoleFormValues, sourceIsRole: boolean): Checked<RoleSaveRequest, RoleField> {
  const request: RoleSaveRequest = compact({
    name: values.name.trim(),
    roleArn: values.roleArn.trim(),
    source: values.source,
    profile: optional(values.profile),
    duration: scaledNumber(values.duration, 60),
    direct: sourceIsRole ? false : values.direct,
    externalId: optional(values.externalId),
    sessionName: optional(values.sessionName),
    sourceIdentity: optional(values.sourceIdentity),
    region: optional(values.region),
  });
  const parsed = roleSchema.safeParse(request);
  if (parsed.success) return { ok: true, request };
  return { ok: false, errors: issuesByField(parsed.error, ROLE_FIELDS, describe) satisfies FieldErrors<RoleField> };
}
