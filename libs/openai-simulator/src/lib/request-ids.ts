import { randomBytes } from 'node:crypto';

/** Unique ids without per-request crypto: a random instance prefix plus a counter. */
export class RequestIds {
  private readonly prefix = randomBytes(8).toString('hex');
  private counter = 0;

  next(kind: string): string {
    return `${kind}${this.prefix}${(++this.counter).toString(16).padStart(12, '0')}`;
  }
}
