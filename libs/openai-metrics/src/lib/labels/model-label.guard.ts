export const OTHER_MODEL = 'other';
/** Distinct priced models kept as labels; the database matches some names by pattern, so it must be capped. */
export const MAX_MODEL_LABELS = 500;

/**
 * Bounds the `model` label: only models that can be priced or that the user listed are kept, so
 * callers that pass arbitrary model names cannot create unbounded series.
 */
export class ModelLabelGuard {
  private readonly listed: ReadonlySet<string>;
  private readonly kept = new Set<string>();

  constructor(
    listedModels: Iterable<string>,
    private readonly priced: (model: string) => boolean,
  ) {
    this.listed = new Set(listedModels);
  }

  label(model: unknown): string {
    if (typeof model !== 'string' || model.length === 0 || model.length > 128) return OTHER_MODEL;
    if (this.listed.has(model) || this.kept.has(model)) return model;
    if (this.kept.size >= MAX_MODEL_LABELS || !this.priced(model)) return OTHER_MODEL;
    this.kept.add(model);
    return model;
  }
}
