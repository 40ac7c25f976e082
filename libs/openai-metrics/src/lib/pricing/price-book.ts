import { Logger } from '@nestjs/common';
import { calcPrice, type ModelInfo, type ModelPrice as GenaiPrice, type Provider } from '@pydantic/genai-prices';
import type { ServiceTierFactors } from '../interfaces/openai-metrics-options.interface';
import type { TokenUsage, UnitUsage } from '../usage/token-usage';
import { GENAI_PRICES_DATA_DATE, GENAI_PRICES_SOURCE, GENAI_PRICES_VERSION } from './genai-prices-data';
import { withoutDateSuffix } from './model-date';
import type { ModelPrice, ModelPriceTable } from './model-price.interface';
import { OPENAI_LIST_PRICES, OPENAI_LIST_PRICES_DATE } from './openai-list-prices';
import { periodIndexAt, pricePeriods, type PeriodStart } from './price-period';
import { pricingProvider, servesOpenAiModels } from './price-provider';
import { fetchPrices, installPrices, PRICE_UPDATE_INTERVAL_MS, PRICE_UPDATE_URL } from './price-update';
import { checkServiceTierFactors, tierFactor, tierFactorsOf, type TierFactors } from './service-tier';
import { TokenPricePlan } from './token-price-plan';

export type { TokenUsage, UnitUsage };

export interface PriceBookOptions {
  /** Prices on top of the database (validate them with `validatePriceTable` first). They apply whatever the provider. */
  overrides?: ModelPriceTable;
  /** The client's baseURL: picks the database provider whose prices apply. */
  baseURL?: string;
  /** A database provider id (e.g. 'openai') that wins over `baseURL`. */
  provider?: string;
  serviceTierFactors?: ServiceTierFactors;
  /** Fetch genai-prices' published data file at `start()` and every 24 h. Default false: bundled data only, no network. */
  autoUpdate?: boolean;
  /** Where `autoUpdate` fetches from. Default genai-prices' own URL. */
  updateUrl?: string;
  now?: () => Date;
}

/** Model names remembered, known and unknown each; beyond, names are resolved again on every call. */
export const MAX_CACHED_MODEL_NAMES = 1_000;

const NEWEST_BUNDLED_DATE = new Date(Math.max(Date.parse(GENAI_PRICES_DATA_DATE), Date.parse(OPENAI_LIST_PRICES_DATE)));

interface DatabaseModel {
  /** The provider, holding only this model: `calcPrice` with it skips matching. */
  readonly pinned: Provider;
  readonly name: string;
}

interface TokenPeriod {
  readonly start: PeriodStart;
  readonly price: GenaiPrice;
  readonly plan: TokenPricePlan;
}

interface ResolvedModel {
  readonly periods: readonly TokenPeriod[];
  /** Set when the model has one price for all time, the common case. */
  readonly plan: TokenPricePlan | undefined;
  readonly tiers: TierFactors;
  readonly override: ModelPrice | undefined;
  readonly listPrice: ModelPrice | undefined;
  readonly database: DatabaseModel | undefined;
}

const JOINED_CACHE_KEYS: ReadonlyArray<readonly [string, string]> = [
  ['input_audio_mtok', 'cache_audio_read_mtok'],
  ['input_image_mtok', 'cache_image_read_mtok'],
  ['input_video_mtok', 'cache_video_read_mtok'],
  ['input_text_mtok', 'cache_text_read_mtok'],
];

/** An override replaces the database's token prices it names and keeps the others. */
function withOverride(price: GenaiPrice, override: ModelPrice | undefined): GenaiPrice {
  if (!override) return price;
  const merged: GenaiPrice = { ...price };
  if (override.input !== undefined) merged['input_mtok'] = override.input;
  if (override.cachedInput !== undefined) merged['cache_read_mtok'] = override.cachedInput;
  if (override.output !== undefined) merged['output_mtok'] = override.output;
  // A cached price added to an audio or image model also prices its cached audio or image tokens.
  if (merged['cache_read_mtok'] !== undefined) {
    for (const [modality, cached] of JOINED_CACHE_KEYS) {
      if (merged[modality] !== undefined && merged[cached] === undefined) merged[cached] = merged['cache_read_mtok'];
    }
  }
  return merged;
}

function first<T>(names: readonly string[], find: (name: string) => T | undefined): T | undefined {
  for (const name of names) {
    const found = find(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function positive(value: number | undefined): number {
  return typeof value === 'number' && value > 0 ? value : 0;
}

/**
 * Prices calls: overrides win over `@pydantic/genai-prices`' bundled data, which wins over OpenAI's
 * list prices for what it lacks (`OPENAI_LIST_PRICES`). Each model name is matched once (10–70 µs
 * of `calcPrice`) and then priced with a few multiplications (well under 1 µs).
 */
export class PriceBook {
  private readonly logger = new Logger(PriceBook.name);
  private readonly overrides: ReadonlyMap<string, ModelPrice>;
  private readonly tierOptions: ServiceTierFactors;
  private readonly nowMs: () => number;
  private provider: Provider | undefined;
  private listPrices: ReadonlyMap<string, ModelPrice>;
  private readonly names = new Map<string, ResolvedModel | null>();
  private knownNames = 0;
  private unknownNames = 0;
  private readonly plans = new Map<string, TokenPricePlan>();
  private dataDate = NEWEST_BUNDLED_DATE;
  private dataVersion = GENAI_PRICES_VERSION;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: AbortController | undefined;
  private warned = false;

  readonly source = GENAI_PRICES_SOURCE;

  constructor(private readonly options: PriceBookOptions = {}) {
    this.overrides = new Map(Object.entries(options.overrides ?? {}));
    this.tierOptions = checkServiceTierFactors(options.serviceTierFactors);
    const now = options.now;
    this.nowMs = now ? () => now().getTime() : Date.now;
    this.provider = pricingProvider(options);
    this.listPrices = this.listPricesFor(this.provider);
  }

  /** The date of the price data in use: the newest of the bundled data, the list prices and a fetched update. */
  get updatedAt(): Date {
    return this.dataDate;
  }

  /** The genai-prices version, with `+data.<date>` once an update was fetched. */
  get version(): string {
    return this.dataVersion;
  }

  /** How many model names are remembered (at most twice MAX_CACHED_MODEL_NAMES). */
  get cachedModelNames(): number {
    return this.names.size;
  }

  knows(model: string): boolean {
    return this.resolve(model) !== undefined;
  }

  /** USD of one call's tokens, or undefined when `model` cannot be priced; `at` picks dated prices (default now). */
  tokenCost(model: string, usage: TokenUsage, serviceTier?: string, at?: Date): number | undefined {
    const resolved = this.resolve(model);
    if (!resolved) return undefined;
    const plan = resolved.plan ?? resolved.periods[periodIndexAt(resolved.periods, at?.getTime() ?? this.nowMs())].plan;
    return plan.cost(usage) * tierFactor(resolved.tiers, serviceTier);
  }

  /** USD of per-unit usage, or undefined when the model or any unit with a positive count has no price. */
  unitCost(model: string, units: UnitUsage, at?: Date): number | undefined {
    const resolved = this.resolve(model);
    if (!resolved) return undefined;
    const ms = at?.getTime() ?? this.nowMs();
    const parts = [
      this.imagesCost(resolved, positive(units.images)),
      this.databaseOr(resolved, ms, 'audio', positive(units.audioSeconds), (p) => p.perAudioMinute, 60),
      this.databaseOr(resolved, ms, 'characters', positive(units.speechCharacters), (p) => p.perMillionCharacters, 1e6),
    ];
    return parts.includes(undefined) ? undefined : parts.reduce<number>((sum, part) => sum + (part as number), 0);
  }

  /** With `autoUpdate`: fetches newer price data now and every 24 h. Resolves when the first fetch is done; never throws. */
  async start(): Promise<void> {
    if (!this.options.autoUpdate || this.timer) return;
    this.timer = setInterval(() => void this.update(), PRICE_UPDATE_INTERVAL_MS);
    this.timer.unref();
    await this.update();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
  }

  private async update(): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    const url = this.options.updateUrl ?? PRICE_UPDATE_URL;
    try {
      const fetched = await fetchPrices(url, controller.signal, this.nowMs);
      if (controller.signal.aborted) return;
      const id = this.provider?.id;
      if (id !== undefined && !fetched.providers.some((provider) => provider.id === id)) throw new Error(`it has no provider "${id}"`);
      installPrices(fetched.providers);
      this.provider = pricingProvider(this.options);
      this.listPrices = this.listPricesFor(this.provider);
      this.forget();
      if (fetched.date > this.dataDate) this.dataDate = fetched.date;
      this.dataVersion = `${GENAI_PRICES_VERSION}+data.${fetched.date.toISOString().slice(0, 10)}`;
    } catch (error) {
      if (controller.signal.aborted || this.warned) return;
      this.warned = true;
      this.logger.warn(`Price update from ${url} failed (${(error as Error).message}); keeping the price data in use (${this.dataVersion}).`);
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }

  private forget(): void {
    this.names.clear();
    this.plans.clear();
    this.knownNames = 0;
    this.unknownNames = 0;
  }

  private listPricesFor(provider: Provider | undefined): ReadonlyMap<string, ModelPrice> {
    return servesOpenAiModels(provider) ? new Map(Object.entries(OPENAI_LIST_PRICES)) : new Map();
  }

  private resolve(model: string): ResolvedModel | undefined {
    const cached = this.names.get(model);
    if (cached !== undefined) return cached ?? undefined;
    const resolved = this.build(model);
    if (resolved && this.knownNames < MAX_CACHED_MODEL_NAMES) {
      this.names.set(model, resolved);
      this.knownNames++;
    } else if (!resolved && this.unknownNames < MAX_CACHED_MODEL_NAMES) {
      this.names.set(model, null);
      this.unknownNames++;
    }
    return resolved;
  }

  private build(model: string): ResolvedModel | undefined {
    const stripped = withoutDateSuffix(model);
    const names = stripped === model ? [model] : [model, stripped];
    const database = first(names, (name) => this.databaseModel(name));
    const listPrice = first(names, (name) => this.listPrices.get(name));
    const override = first(names, (name) => this.overrides.get(name));
    if (!database && !listPrice && !override) return undefined;
    const base = database ? pricePeriods(database.model.prices) : pricePeriods(withOverride({}, listPrice));
    const periods = base.map(({ start, price }) => {
      const merged = withOverride(price, override);
      return { start, price: merged, plan: this.plan(merged) };
    });
    if (periods.some((period) => period.plan === undefined)) return undefined;
    return {
      periods: periods as TokenPeriod[],
      plan: periods.length === 1 ? periods[0].plan : undefined,
      tiers: tierFactorsOf(this.tierOptions, names),
      override,
      listPrice,
      database: database && { pinned: { ...database.provider, models: [database.model] }, name: database.name },
    };
  }

  private databaseModel(name: string): { provider: Provider; model: ModelInfo; name: string } | undefined {
    if (!this.provider) return undefined;
    try {
      const result = calcPrice({}, name, { providerId: this.provider.id });
      return result ? { provider: result.provider, model: result.model, name } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Plans are shared by every name with the same prices, so hostile names never compile again. */
  private plan(price: GenaiPrice): TokenPricePlan | undefined {
    const key = JSON.stringify(price);
    let plan = this.plans.get(key);
    if (!plan) {
      try {
        plan = TokenPricePlan.compile(price);
      } catch (error) {
        this.logger.warn(`The price database cannot price ${key}: ${(error as Error).message}`);
        return undefined;
      }
      this.plans.set(key, plan);
    }
    return plan;
  }

  private imagesCost(resolved: ResolvedModel, images: number): number | undefined {
    if (images === 0) return 0;
    const perImage = resolved.override?.perImage ?? resolved.listPrice?.perImage;
    return perImage === undefined ? undefined : images * perImage;
  }

  /** An override, else the database (its `audio_seconds` / `input_characters` units), else the list price. */
  private databaseOr(
    resolved: ResolvedModel,
    ms: number,
    unit: 'audio' | 'characters',
    amount: number,
    field: (price: ModelPrice) => number | undefined,
    per: number,
  ): number | undefined {
    if (amount === 0) return 0;
    const own = resolved.override && field(resolved.override);
    if (own !== undefined) return (amount * own) / per;
    const database = resolved.database;
    const price = resolved.periods[periodIndexAt(resolved.periods, ms)].price;
    const keys = unit === 'audio' ? ['audio_hours', 'input_audio_hours'] : ['input_mchars'];
    if (database && keys.some((key) => price[key] !== undefined)) {
      const usage = unit === 'audio' ? { audio_seconds: amount } : { input_characters: amount };
      const result = calcPrice(usage, database.name, { provider: database.pinned, timestamp: new Date(ms) });
      if (result) return result.total_price;
    }
    const listed = resolved.listPrice && field(resolved.listPrice);
    return listed === undefined ? undefined : (amount * listed) / per;
  }
}
