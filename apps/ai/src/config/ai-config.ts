import type { NamedApiKey } from '@openai-monitoring/auth';
import { envBoolean, envInteger, envList, envRequired, envText, type Env, parseEnv } from '@openai-monitoring/env-config';
import type { BudgetOptions, ModelPriceTable } from '@openai-monitoring/openai-metrics';
import { z } from 'zod';
import { apiKeysEnv } from './api-keys.env';
import { budgetsEnv } from './budgets.env';
import { deploymentsEnv } from './deployments.env';
import { pricingFileEnv } from './pricing-file';

export interface AiConfig {
  host: string;
  port: number;
  openai: { apiKey: string; baseURL: string | undefined; model: string; timeoutMs: number };
  /** The price database's provider whose prices apply; undefined: the one `baseURL` belongs to. */
  priceProvider: string | undefined;
  retry: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };
  /** Accepted keys; a key's name is the caller's tenant. */
  apiKeys: NamedApiKey[];
  corsOrigins: string[];
  metricsToken: string | undefined;
  metricsEnabled: boolean;
  pricing: ModelPriceTable | undefined;
  /** Azure deployment name → model. */
  deployments: Record<string, string>;
  budgets: BudgetOptions[];
  exemplars: boolean;
  /** Processes serving the port (node:cluster); 1 runs no cluster. */
  workers: number;
  throttle: { limit: number; ttlMs: number };
  shutdownGraceMs: number;
}

/** Every variable the app reads, with its default; see the configuration table in the root README. */
const AI_ENV = z
  .object({
    HOST: envText('127.0.0.1'),
    PORT: envInteger(3002, { min: 0, max: 65535 }),
    OPENAI_API_KEY: envRequired(),
    OPENAI_BASE_URL: envText(),
    OPENAI_MODEL: envText('gpt-4o-mini'),
    OPENAI_TIMEOUT_MS: envInteger(60000, { min: 1 }),
    OPENAI_MAX_ATTEMPTS: envInteger(3, { min: 1, max: 20 }),
    OPENAI_RETRY_BASE_DELAY_MS: envInteger(500, { min: 0 }),
    OPENAI_RETRY_MAX_DELAY_MS: envInteger(8000, { min: 0 }),
    OPENAI_PRICING_FILE: pricingFileEnv,
    OPENAI_PRICE_PROVIDER: envText(),
    OPENAI_METRICS_ENABLED: envBoolean(true),
    OPENAI_METRICS_EXEMPLARS: envBoolean(false),
    OPENAI_DEPLOYMENTS: deploymentsEnv,
    OPENAI_BUDGETS: budgetsEnv,
    OPENAI_SHUTDOWN_GRACE_MS: envInteger(10000, { min: 0 }),
    AI_API_KEYS: apiKeysEnv,
    AI_WORKERS: envInteger(1, { min: 1 }),
    CORS_ORIGINS: envList(undefined, { optional: true }),
    METRICS_TOKEN: envText(),
    THROTTLE_LIMIT: envInteger(120, { min: 1 }),
    THROTTLE_TTL_MS: envInteger(60000, { min: 1 }),
  })
  .superRefine(({ OPENAI_BUDGETS, AI_API_KEYS }, ctx) => {
    const tenants = new Set(AI_API_KEYS.map(({ name }) => name));
    for (const { name, tenant } of OPENAI_BUDGETS) {
      if (tenant !== undefined && !tenants.has(tenant)) {
        ctx.addIssue({ code: 'custom', path: ['OPENAI_BUDGETS'], message: `budget "${name}" is for tenant "${tenant}", which no AI_API_KEYS entry is named` });
      }
    }
  });

/** Reads and validates the environment at startup; throws `ConfigError` naming every bad variable. */
export function loadAiConfig(env: Env = process.env): AiConfig {
  const vars = parseEnv(AI_ENV, env);
  return {
    host: vars.HOST,
    port: vars.PORT,
    openai: { apiKey: vars.OPENAI_API_KEY, baseURL: vars.OPENAI_BASE_URL, model: vars.OPENAI_MODEL, timeoutMs: vars.OPENAI_TIMEOUT_MS },
    retry: { maxAttempts: vars.OPENAI_MAX_ATTEMPTS, baseDelayMs: vars.OPENAI_RETRY_BASE_DELAY_MS, maxDelayMs: vars.OPENAI_RETRY_MAX_DELAY_MS },
    apiKeys: vars.AI_API_KEYS,
    corsOrigins: vars.CORS_ORIGINS,
    metricsToken: vars.METRICS_TOKEN,
    metricsEnabled: vars.OPENAI_METRICS_ENABLED,
    pricing: vars.OPENAI_PRICING_FILE,
    priceProvider: vars.OPENAI_PRICE_PROVIDER,
    deployments: vars.OPENAI_DEPLOYMENTS,
    budgets: vars.OPENAI_BUDGETS,
    exemplars: vars.OPENAI_METRICS_EXEMPLARS,
    workers: vars.AI_WORKERS,
    throttle: { limit: vars.THROTTLE_LIMIT, ttlMs: vars.THROTTLE_TTL_MS },
    shutdownGraceMs: vars.OPENAI_SHUTDOWN_GRACE_MS,
  };
}
