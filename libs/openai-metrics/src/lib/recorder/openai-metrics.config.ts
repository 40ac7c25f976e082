import { Inject, Injectable } from '@nestjs/common';
import type { OpenAiMetricsRuntimeOptions } from '../interfaces/openai-metrics-options.interface';
import { ModelLabelGuard } from '../labels/model-label.guard';
import { OPENAI_METRICS_OPTIONS } from '../openai-metrics.constants';
import { DEFAULT_MODEL_PRICES } from '../pricing/default-model-prices';
import type { ModelPrice, ModelPriceTable } from '../pricing/model-price.interface';
import { RetryPolicy } from '../retry/retry-policy';

/** The module's options, validated and resolved once at startup. */
@Injectable()
export class OpenAiMetricsConfig {
  readonly enabled: boolean;
  readonly recordFailureDuration: boolean;
  readonly retryPolicy: RetryPolicy;
  readonly prices: ReadonlyMap<string, ModelPrice>;
  readonly modelGuard: ModelLabelGuard;

  constructor(@Inject(OPENAI_METRICS_OPTIONS) readonly options: OpenAiMetricsRuntimeOptions) {
    this.enabled = options.enabled ?? true;
    this.recordFailureDuration = options.recordFailureDuration ?? false;
    this.retryPolicy = new RetryPolicy(options.retry);
    this.prices = new Map(Object.entries(mergePrices(DEFAULT_MODEL_PRICES, options.pricing)));
    this.modelGuard = new ModelLabelGuard([...this.prices.keys(), ...(options.models ?? [])]);
  }
}

function mergePrices(defaults: ModelPriceTable, overrides: ModelPriceTable | undefined): ModelPriceTable {
  const merged: Record<string, ModelPrice> = { ...defaults };
  for (const [model, price] of Object.entries(overrides ?? {})) {
    assertPrice(model, price);
    merged[model] = price;
  }
  return merged;
}

function assertPrice(model: string, price: ModelPrice): void {
  const fields: Array<keyof ModelPrice> = ['input', 'output'];
  for (const field of fields) {
    const value = price?.[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`pricing["${model}"].${field} must be a non-negative number of USD per 1M tokens`);
    }
  }
  const cached = price.cachedInput;
  if (cached !== undefined && (typeof cached !== 'number' || !Number.isFinite(cached) || cached < 0)) {
    throw new Error(`pricing["${model}"].cachedInput must be a non-negative number of USD per 1M tokens`);
  }
}
