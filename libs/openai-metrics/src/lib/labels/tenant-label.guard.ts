import type { TenantOptions } from '../interfaces/openai-metrics-options.interface';

export const INVALID_TENANT = 'invalid';
export const OTHER_TENANT = 'other';
export const UNKNOWN_TENANT = 'unknown';
export const DEFAULT_MAX_TENANTS = 100;
const TENANT = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Bounds the `tenant` label by construction: a value must look like an identifier (else
 * `invalid`); with `allow` only listed values keep their label, otherwise the first `max`
 * distinct values do; every other value is `other`, and no value at all is `unknown`.
 */
export class TenantLabelGuard {
  private readonly allowed: ReadonlySet<string> | undefined;
  private readonly max: number;
  private readonly seen = new Set<string>();

  constructor(options: Pick<TenantOptions, 'max' | 'allow'>) {
    this.allowed = options.allow ? new Set(options.allow.filter((value) => TENANT.test(value))) : undefined;
    this.max = options.max ?? DEFAULT_MAX_TENANTS;
    if (!Number.isSafeInteger(this.max) || this.max < 0) throw new Error(`tenant.max must be a whole number >= 0, got ${options.max}`);
  }

  label(tenant: unknown): string {
    if (tenant === undefined || tenant === null || tenant === '') return UNKNOWN_TENANT;
    if (typeof tenant !== 'string' || !TENANT.test(tenant)) return INVALID_TENANT;
    if (this.allowed) return this.allowed.has(tenant) ? tenant : OTHER_TENANT;
    if (this.seen.has(tenant)) return tenant;
    if (this.seen.size >= this.max) return OTHER_TENANT;
    this.seen.add(tenant);
    return tenant;
  }
}
