import type { TemporaryCredentials } from '../sessions/records';
import type { ExportFormat } from '../../../common/export-formats';
import { formatVariables, PROFILE_VARIABLES } from './shell-format';

// The container credential provider's contract: the JSON an ECS task's endpoint answers, which
// the JS SDK (fromHttp, fromContainerMetadata), botocore's ContainerProvider and the AWS CLI read.
// Token, not SessionToken (credential_process's name); Expiration in RFC 3339, which each SDK
// refreshes ahead of.

/** The variables that point an SDK at a container credential endpoint. */
export const CONTAINER_URI_VARIABLE = 'AWS_CONTAINER_CREDENTIALS_FULL_URI';
export const CONTAINER_TOKEN_VARIABLE = 'AWS_CONTAINER_AUTHORIZATION_TOKEN';

export function containerCredentialsJson(session: TemporaryCredentials): string {
  return JSON.stringify({
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    Token: session.sessionToken,
    Expiration: session.expiration,
  });
}

/**
 * Variables that would win over the endpoint in an SDK's credential chain, or point it elsewhere:
 * static keys (the environment comes first in every chain), a profile, web identity, and the other
 * container variables (the relative URI and the token file take precedence over ours).
 */
export const VARIABLES_THAT_OVERRIDE_THE_ENDPOINT = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  ...PROFILE_VARIABLES,
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
] as const;

export interface EndpointPointer {
  url: string;
  token: string;
  region?: string;
}

/** The variables that point an SDK at the endpoint, and the role's region. */
export function containerVariables(endpoint: EndpointPointer): Array<[string, string]> {
  const variables: Array<[string, string]> = [
    [CONTAINER_URI_VARIABLE, endpoint.url],
    [CONTAINER_TOKEN_VARIABLE, endpoint.token],
  ];
  // AWS_REGION for the JS SDK and the AWS CLI v2, AWS_DEFAULT_REGION for botocore (boto3, CLI v1).
  if (endpoint.region) variables.push(['AWS_REGION', endpoint.region], ['AWS_DEFAULT_REGION', endpoint.region]);
  return variables;
}

/** A child's environment that reads the role from the endpoint: no static keys, no profile. */
export function containerEnvironment(base: NodeJS.ProcessEnv, endpoint: EndpointPointer): NodeJS.ProcessEnv {
  const env = { ...base };
  for (const name of VARIABLES_THAT_OVERRIDE_THE_ENDPOINT) delete env[name];
  for (const [name, value] of containerVariables(endpoint)) env[name] = value;
  return env;
}

/** The same for a shell (`rolecall export <role> --server`): it sets the variables and unsets what would win over them. */
export function formatEndpointExport(endpoint: EndpointPointer, format: ExportFormat): string {
  return formatVariables(containerVariables(endpoint), VARIABLES_THAT_OVERRIDE_THE_ENDPOINT, format);
}
