import type { Role, User } from '../../../common/catalog-schema';
import { MFA_SESSION_MIN_LEFT_MS, REUSE_MARGIN_MS } from '../../../common/rules';
import { msLeft, type MfaSessionRecord, type RoleSessionRecord } from './records';

// When a cached session is good enough to use instead of asking AWS again. The engine decides
// with these, and so does everything that predicts the engine (whether an assume needs a code):
// one definition, so a prediction can never drift from what the engine then does.

/** A role session is reused while it is the same role and has 15 minutes or more left. */
export function isRoleSessionReusable(cached: RoleSessionRecord | undefined, role: Role, now: number): cached is RoleSessionRecord {
  return cached !== undefined && cached.roleArn === role.roleArn && msLeft(cached, now) >= REUSE_MARGIN_MS;
}

/** An MFA session is reused while it is the user's current device and has a minute left. */
export function isMfaSessionReusable(cached: MfaSessionRecord | undefined, user: User, now: number): cached is MfaSessionRecord {
  return cached !== undefined && cached.mfaSerial === user.mfaSerial && msLeft(cached, now) >= MFA_SESSION_MIN_LEFT_MS;
}
