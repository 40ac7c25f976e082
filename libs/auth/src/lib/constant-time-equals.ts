import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares secrets in time independent of where they differ or how long they are. */
export function constantTimeEquals(candidate: string, secret: string): boolean {
  return timingSafeEqual(digest(candidate), digest(secret));
}

/** True when `candidate` equals one of `secrets`; every secret is compared, match or not. */
export function matchesAnySecret(candidate: string, secrets: readonly string[]): boolean {
  let matched = false;
  for (const secret of secrets) matched = constantTimeEquals(candidate, secret) || matched;
  return matched;
}
