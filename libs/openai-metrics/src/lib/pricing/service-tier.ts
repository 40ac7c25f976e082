import type { ServiceTierFactors } from '../interfaces/openai-metrics-options.interface';

/**
 * Multipliers of the standard price by the `service_tier` that served a call (Responses and Chat
 * Completions report it). OpenAI's pricing page (https://platform.openai.com/docs/pricing, Flex and
 * Priority tabs) lists Flex at half of Standard for every model it offers Flex for, and Priority at
 * twice Standard for the gpt-5 family; a few older models' Priority price is below 2× (set
 * `byModel`). The price database has no service-tier prices, so these always apply.
 * `default`, `scale`, `auto`, a missing or unknown tier: the standard price.
 */
export const DEFAULT_SERVICE_TIER_FACTORS: Readonly<Required<Omit<ServiceTierFactors, 'byModel'>>> = Object.freeze({
  flex: 0.5,
  priority: 2,
});

export interface TierFactors {
  readonly flex: number;
  readonly priority: number;
}

/** Validates the option once (each factor a non-negative finite number). */
export function checkServiceTierFactors(factors: ServiceTierFactors | undefined): ServiceTierFactors {
  const checked = factors ?? {};
  const check = (value: unknown, at: string) => {
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new Error(`${at} must be a non-negative finite number (a multiplier of the standard price)`);
    }
  };
  check(checked.flex, 'serviceTierFactors.flex');
  check(checked.priority, 'serviceTierFactors.priority');
  for (const [model, byModel] of Object.entries(checked.byModel ?? {})) {
    check(byModel?.flex, `serviceTierFactors.byModel[${JSON.stringify(model)}].flex`);
    check(byModel?.priority, `serviceTierFactors.byModel[${JSON.stringify(model)}].priority`);
  }
  return checked;
}

/** The factors of one model name, the first of `names` listed in `byModel` winning over the global ones. */
export function tierFactorsOf(factors: ServiceTierFactors, names: readonly string[]): TierFactors {
  const byModel = names.map((name) => factors.byModel?.[name]).find((entry) => entry !== undefined);
  return {
    flex: byModel?.flex ?? factors.flex ?? DEFAULT_SERVICE_TIER_FACTORS.flex,
    priority: byModel?.priority ?? factors.priority ?? DEFAULT_SERVICE_TIER_FACTORS.priority,
  };
}

export function tierFactor(factors: TierFactors, serviceTier: string | undefined): number {
  if (serviceTier === 'flex') return factors.flex;
  if (serviceTier === 'priority') return factors.priority;
  return 1;
}
