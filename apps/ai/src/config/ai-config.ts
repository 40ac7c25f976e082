import type { ModelPriceTable } from '@openai-monitoring/openai-metrics';
import { ConfigError } from './config.error';
import { readPricingFile } from './pricing-file';

export interface AiConfig {
  host: string;
  port: number;
  openai: { apiKey: string; baseURL: string | undefined; model: string; timeoutMs: number };
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  apiKeys: string[];
  corsOrigins: string[];
  metricsToken: string | undefined;
  metricsEnabled: boolean;
  pricing: ModelPriceTable | undefined;
  throttle: { limit: number; ttlMs: number };
  shutdownGraceMs: number;
}

type Env = Record<string, string | undefined>;

/** Reads and validates the environment at startup; throws `ConfigError` naming the bad variable. */
export function loadAiConfig(env: Env = process.env): AiConfig {
  return {
    host: text(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 3002, 0, 65535),
    openai: {
      apiKey: required(env, 'OPENAI_API_KEY'),
      baseURL: text(env, 'OPENAI_BASE_URL'),
      model: text(env, 'OPENAI_MODEL') ?? 'gpt-4o-mini',
      timeoutMs: integer(env, 'OPENAI_TIMEOUT_MS', 60000, 1),
    },
    retry: {
      maxAttempts: integer(env, 'OPENAI_MAX_ATTEMPTS', 3, 1, 20),
      baseDelayMs: integer(env, 'OPENAI_RETRY_BASE_DELAY_MS', 500, 0),
      maxDelayMs: integer(env, 'OPENAI_RETRY_MAX_DELAY_MS', 8000, 0),
    },
    apiKeys: list(required(env, 'AI_API_KEYS'), 'AI_API_KEYS'),
    corsOrigins: list(env['CORS_ORIGINS'] ?? '', 'CORS_ORIGINS', true),
    metricsToken: text(env, 'METRICS_TOKEN'),
    metricsEnabled: boolean(env, 'OPENAI_METRICS_ENABLED', true),
    pricing: pricing(env),
    throttle: {
      limit: integer(env, 'THROTTLE_LIMIT', 120, 1),
      ttlMs: integer(env, 'THROTTLE_TTL_MS', 60000, 1),
    },
    shutdownGraceMs: integer(env, 'OPENAI_SHUTDOWN_GRACE_MS', 10000, 0),
  };
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function required(env: Env, name: string): string {
  const value = text(env, name);
  if (value === undefined) throw new ConfigError(`${name} is required but not set`);
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) {
    throw new ConfigError(`${name} must be a whole number, got "${raw}"`);
  }
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function list(raw: string, name: string, allowEmpty = false): string[] {
  const items = raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  if (!allowEmpty && items.length === 0) throw new ConfigError(`${name} must list at least one value (comma-separated)`);
  return items;
}

function pricing(env: Env): ModelPriceTable | undefined {
  const path = text(env, 'OPENAI_PRICING_FILE');
  return path === undefined ? undefined : readPricingFile(path);
}
