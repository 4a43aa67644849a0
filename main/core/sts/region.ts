/** The region STS is called in: the role's or user's own, then the environment's, then AWS's default. */
export function stsRegion(env: NodeJS.ProcessEnv, ...preferred: Array<string | undefined>): string {
  return preferred.find((r) => r !== undefined) ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
}
