import { createHash, timingSafeEqual } from 'node:crypto';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Compares secrets in time independent of where they differ or how long they are. */
export function constantTimeEquals(candidate: string, secret: string): boolean {
  return timingSafeEqual(digest(candidate), digest(secret));
}

/** The index of the secret `candidate` equals, or -1; every secret is compared, match or not. */
export function indexOfSecret(candidate: string, secrets: readonly string[]): number {
  let index = -1;
  secrets.forEach((secret, i) => {
    if (constantTimeEquals(candidate, secret) && index === -1) index = i;
  });
  return index;
}

/** True when `candidate` equals one of `secrets`; every secret is compared, match or not. */
export function matchesAnySecret(candidate: string, secrets: readonly string[]): boolean {
  return indexOfSecret(candidate, secrets) !== -1;
}
