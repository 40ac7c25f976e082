export const OTHER_MODEL = 'other';

/**
 * Bounds the `model` label: only priced or explicitly listed models are kept, so callers that
 * pass arbitrary model names cannot create unbounded series.
 */
export class ModelLabelGuard {
  private readonly known: ReadonlySet<string>;

  constructor(knownModels: Iterable<string>) {
    this.known = new Set(knownModels);
  }

  label(model: unknown): string {
    return typeof model === 'string' && this.known.has(model) ? model : OTHER_MODEL;
  }
}
