// The deadline every AWS call Rolecall makes runs under (STS, and IAM for role discovery and key
// age): one bound on the whole call, its retries and the waits between them included. Written
// once here so an IAM call cannot hang longer, or retry differently, than an STS call.
import type { FinalizeRequestMiddleware } from '@smithy/types';

/** One AWS call, its retries included, ends within this (ROLECALL_STS_TIMEOUT_MS overrides it). */
export const STS_DEADLINE_MS = 10_000;

/** ROLECALL_STS_TIMEOUT_MS (milliseconds) sets the deadline, for very slow links (and for tests). */
export function stsDeadlineMs(env: NodeJS.ProcessEnv): number {
  const value = Number(env.ROLECALL_STS_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : STS_DEADLINE_MS;
}

/**
 * The whole call (every attempt and the waits between them) ran out of time. A plain Error with a
 * code, not a RolecallError: explainStsError words it with what was being done.
 */
export class StsDeadlineError extends Error {
  readonly code = 'StsDeadline';
  constructor(readonly deadlineMs: number) {
    super(`STS did not answer within ${deadlineMs} ms`);
    this.name = 'StsDeadline';
  }
}

/**
 * The SDK client settings that go with a deadline. A dead network or a silent endpoint must fail
 * in seconds, not hang a credential_process the AWS CLI waits on (nor the MFA lock other processes
 * queue behind). Each attempt gets half of the deadline, so a dropped first attempt can still be
 * retried once within the total (the SDK's own timeouts count per attempt, 3 attempts would triple it).
 */
export function deadlineClientOptions(deadlineMs: number) {
  const attemptMs = Math.max(1, Math.floor(deadlineMs / 2));
  return {
    maxAttempts: 3,
    requestHandler: { connectionTimeout: Math.min(5000, attemptMs), requestTimeout: attemptMs, throwOnRequestTimeout: true },
  };
}

/** Where the refusal recorder sits: inside the retry loop (finalizeRequest, after the retry middleware), so it sees every attempt. */
export const REFUSAL_RECORDER_OPTIONS = { step: 'finalizeRequest', priority: 'low', name: 'rolecallLastRefusal' } as const;

/** Runs an SDK client's calls under one deadline and remembers AWS's last refusal while it retries. */
export class CallDeadline {
  /** The last answer AWS refused with during the current call: what a deadline hit while retrying means. */
  private lastRefusal: unknown;

  constructor(readonly deadlineMs: number) {}

  /** The middleware to add to the client's stack with REFUSAL_RECORDER_OPTIONS. */
  recordRefusals<I extends object, O extends object>(): FinalizeRequestMiddleware<I, O> {
    return (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if ((error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode) this.lastRefusal = error;
        throw error;
      }
    };
  }

  /**
   * Sends one command under the deadline. Racing it (and aborting the request in flight) rather
   * than only passing the signal: the SDK does not check the signal while it sleeps between
   * retries, and a throttled retry may sleep for seconds.
   */
  async send<T>(send: (options: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.lastRefusal = undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new StsDeadlineError(this.deadlineMs);
        controller.abort(error);
        // Throttled (or failing) until the deadline: AWS's last answer says more than "no answer".
        reject(this.lastRefusal ?? error);
      }, this.deadlineMs);
    });
    try {
      return await Promise.race([send({ abortSignal: controller.signal }), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }
}
