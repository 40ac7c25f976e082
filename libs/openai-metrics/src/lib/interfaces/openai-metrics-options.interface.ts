import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency, Type } from '@nestjs/common';
import type { ClientOptions, OpenAI } from 'openai';
import type { ModelPriceTable } from '../pricing/model-price.interface';
import type { OpenAiMetricsOptionsFactory } from './openai-metrics-options-factory.interface';

/** Passed to the `openai` SDK; its own `maxRetries` is always forced to 0 (the decorator retries). */
export type OpenAiClientOptions = Omit<ClientOptions, 'maxRetries'>;

export interface RetryOptions {
  /** Attempts per logical operation, the first included. Default 3. */
  maxAttempts?: number;
  /** First backoff delay; doubles on each retry. Default 500. */
  baseDelayMs?: number;
  /** Upper bound of any wait, `retry-after` included. Default 8000. */
  maxDelayMs?: number;
}

/** Budget windows the alert rules know; each has a spend recording rule in `infra/`. */
export type BudgetWindow = '1h' | '24h' | '7d' | '30d';

export interface BudgetOptions {
  /** Label value of `openai_api_budget_usd{budget}`: `^[A-Za-z0-9_.-]{1,64}$`. */
  name: string;
  usd: number;
  window: BudgetWindow;
  /** A tenant's budget; omitted: the budget of all tenants together. */
  tenant?: string;
}

export interface TenantOptions {
  /** Runs when an operation starts; return the caller's tenant, or undefined. */
  resolve: () => string | undefined;
  /** Distinct tenant values kept as labels; later ones become `other`. Default 100. */
  max?: number;
  /** When set, only these values keep their label; any other becomes `other`. */
  allow?: readonly string[];
}

/** Multipliers of the standard price per service tier, for models the price database has no tier price for. */
export interface ServiceTierFactors {
  flex?: number;
  priority?: number;
  /** Per-model factors, winning over the defaults above. */
  byModel?: Readonly<Record<string, { flex?: number; priority?: number }>>;
}

export interface PricingOptions {
  /** Prices on top of the database, USD per 1M tokens or per unit. */
  overrides?: ModelPriceTable;
  /** Fetch newer price data from genai-prices' published data file at run time. Default false (bundled data only). */
  autoUpdate?: boolean;
}

/** Options a `forRootAsync` factory may compute at run time. */
export interface OpenAiMetricsRuntimeOptions {
  openai?: OpenAiClientOptions;
  /** A client constructed elsewhere (`AzureOpenAI`, an OpenAI-compatible server); observed in place. Wins over `openai`. */
  client?: OpenAI | (() => OpenAI);
  /** Azure deployment name → model, for the `model` label and pricing. */
  deployments?: Readonly<Record<string, string>>;
  /** Cost per tenant, with a bounded `tenant` label. */
  tenant?: TenantOptions;
  /** Exported as `openai_api_budget_usd`; alerts compare spend against them. */
  budgets?: readonly BudgetOptions[];
  /**
   * Whose price table applies: a provider id of the price database (`openai`, `azure`, `groq`, …).
   * Default: the provider the client's `baseURL` belongs to; a server the database does not know is unpriced.
   */
  priceProvider?: string;
  /** Service tier price multipliers. Default `{ flex: 0.5, priority: 2 }`. */
  serviceTierFactors?: ServiceTierFactors;
  retry?: RetryOptions;
  /** Price overrides on top of the price database (a table), or the table and update options. */
  pricing?: ModelPriceTable | PricingOptions;
  /** Model names kept as `model` label values besides the priced ones; any other becomes `other`. */
  models?: readonly string[];
  /** Observe failures in the duration histogram with `status="failure"`. Default false. */
  recordFailureDuration?: boolean;
  /** When false, operations still run and retry but record no metric. Default true. */
  enabled?: boolean;
}

/** Options fixed when the module is declared (controllers and metric shapes cannot change later). */
export interface OpenAiMetricsStaticOptions {
  /** Route that serves the registry; `false` serves none. Default '/metrics'. */
  metricsPath?: string | false;
  /** A subclass of `MetricsController`, e.g. to add guards or metadata to the route. */
  controller?: Type<unknown>;
  /** prom-client's process metrics. Default true. */
  defaultMetrics?: boolean;
  /** Buckets of `openai_api_request_duration_ms`. Default the seed's. */
  durationBuckets?: readonly number[];
  /** Serve OpenMetrics with trace exemplars on the duration and time-to-first-token histograms. Default false. */
  exemplars?: boolean;
}

export type OpenAiMetricsModuleOptions = OpenAiMetricsRuntimeOptions & OpenAiMetricsStaticOptions;

export interface OpenAiMetricsModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'>, OpenAiMetricsStaticOptions {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory?: (...args: any[]) => OpenAiMetricsRuntimeOptions | Promise<OpenAiMetricsRuntimeOptions>;
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  useClass?: Type<OpenAiMetricsOptionsFactory>;
  useExisting?: Type<OpenAiMetricsOptionsFactory>;
}
