export interface SeriesBudgetInput {
  /** Decorated operations (capability/operation pairs). */
  operations: number;
  /** Of which streamed. */
  streamed: number;
  models: number;
  /** Distinct tenant label values (at most tenant.max + `other` + `invalid`). */
  tenants: number;
  /** Configured budgets. */
  budgets: number;
}

/**
 * The series one replica may export, counted as infra/README.md ("Cardinality budget") counts them from
 * libs/openai-metrics/src/lib/metrics/openai-metrics.providers.ts.
 */
export function seriesBudget({ operations, streamed, models, tenants, budgets }: SeriesBudgetInput): number {
  // requests by status, duration histogram (success only), errors and retries by each of the 12 error types, in flight
  const perOperation = 2 + 12 + 12 + 12 + 1;
  const perOperationModel = 2 + 2 + 1 + 1; // tokens, token details, cost, unpriced calls
  const perStreamedModel = 11 + 13; // time to first token, time per output token
  const perModel = 3 * 2; // rate-limit remaining, limit, reset, by type
  const perTenant = 2 + 3 * models; // requests by status; tokens by type and cost, per model
  const fixed = 2 + 14 + budgets; // price date and info, instrumentation errors by stage, one per budget
  return (
    operations * perOperation +
    operations * models * perOperationModel +
    streamed * models * perStreamedModel +
    models * perModel +
    tenants * perTenant +
    fixed
  );
}
