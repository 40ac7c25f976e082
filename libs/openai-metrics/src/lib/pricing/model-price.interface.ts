/** USD per 1M tokens. `cachedInput` defaults to `input` when a model has no cache discount. */
export interface ModelPrice {
  input: number;
  cachedInput?: number;
  output: number;
}

export type ModelPriceTable = Readonly<Record<string, ModelPrice>>;
