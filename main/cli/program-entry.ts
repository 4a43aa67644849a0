// The full CLI, loaded by the bin when the credential_process fast path does not answer.
export { runCli } from './program';
