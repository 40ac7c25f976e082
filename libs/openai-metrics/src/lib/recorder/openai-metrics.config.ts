import { Inject, Injectable } from '@nestjs/common';
import type {
  BudgetOptions,
  OpenAiMetricsRuntimeOptions,
  OpenAiMetricsStaticOptions,
  PricingOptions,
} from '../interfaces/openai-metrics-options.interface';
import { ModelLabelGuard } from '../labels/model-label.guard';
import { TenantLabelGuard } from '../labels/tenant-label.guard';
import { OPENAI_METRICS_OPTIONS, OPENAI_METRICS_STATIC_OPTIONS } from '../openai-metrics.constants';
import type { ModelPriceTable } from '../pricing/model-price.interface';
import { PriceBook } from '../pricing/price-book';
import { validatePriceTable } from '../pricing/price-table.validator';
import { RetryPolicy } from '../retry/retry-policy';
import { validateBudgets } from './budgets.validator';

const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** The module's options, validated and resolved once at startup. */
@Injectable()
export class OpenAiMetricsConfig {
  readonly enabled: boolean;
  readonly recordFailureDuration: boolean;
  readonly exemplars: boolean;
  readonly retryPolicy: RetryPolicy;
  readonly priceBook: PriceBook;
  readonly modelGuard: ModelLabelGuard;
  readonly tenant: OpenAiMetricsRuntimeOptions['tenant'];
  readonly tenantGuard: TenantLabelGuard;
  readonly budgets: readonly BudgetOptions[];
  readonly deployments: Readonly<Record<string, string>> | undefined;

  constructor(
    @Inject(OPENAI_METRICS_OPTIONS) readonly options: OpenAiMetricsRuntimeOptions,
    @Inject(OPENAI_METRICS_STATIC_OPTIONS) staticOptions: OpenAiMetricsStaticOptions,
  ) {
    this.enabled = options.enabled ?? true;
    this.recordFailureDuration = options.recordFailureDuration ?? false;
    this.exemplars = staticOptions.exemplars ?? false;
    this.retryPolicy = new RetryPolicy(options.retry);
    const pricing = pricingOptions(options.pricing);
    this.priceBook = new PriceBook({
      overrides: pricing.overrides ? validatePriceTable(pricing.overrides) : undefined,
      autoUpdate: pricing.autoUpdate ?? false,
      baseURL: baseUrlOf(options),
      provider: options.priceProvider,
      serviceTierFactors: options.serviceTierFactors,
    });
    this.deployments = options.deployments;
    const listed = [...(options.models ?? []), ...Object.values(options.deployments ?? {})];
    this.modelGuard = new ModelLabelGuard(listed, (model) => this.priceBook.knows(model));
    this.tenant = options.tenant;
    if (options.tenant !== undefined && typeof options.tenant.resolve !== 'function') {
      throw new Error('tenant.resolve must be a function returning the tenant of the current operation');
    }
    this.tenantGuard = new TenantLabelGuard(options.tenant ?? {});
    this.budgets = validateBudgets(options.budgets ?? []);
  }
}

/** `pricing` is either a price table or `{ overrides, autoUpdate }`; a model cannot be called `overrides` or `autoUpdate`. */
function pricingOptions(pricing: OpenAiMetricsRuntimeOptions['pricing']): PricingOptions {
  if (pricing === undefined) return {};
  const candidate = pricing as PricingOptions;
  if (typeof candidate.autoUpdate === 'boolean' || (typeof candidate.overrides === 'object' && candidate.overrides !== null)) {
    return candidate;
  }
  return { overrides: pricing as ModelPriceTable };
}

function baseUrlOf(options: OpenAiMetricsRuntimeOptions): string {
  const client = options.client;
  if (client !== undefined && typeof client !== 'function') return client.baseURL;
  return options.openai?.baseURL ?? process.env['OPENAI_BASE_URL'] ?? DEFAULT_BASE_URL;
}
