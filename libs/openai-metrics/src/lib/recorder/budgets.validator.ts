import type { BudgetOptions, BudgetWindow } from '../interfaces/openai-metrics-options.interface';

const WINDOWS: readonly BudgetWindow[] = ['1h', '24h', '7d', '30d'];
const NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Budgets become label values and alert thresholds: each is checked once, at startup. */
export function validateBudgets(budgets: readonly BudgetOptions[]): readonly BudgetOptions[] {
  const seen = new Set<string>();
  for (const [index, budget] of budgets.entries()) {
    const where = `budgets[${index}]`;
    if (typeof budget?.name !== 'string' || !NAME.test(budget.name)) {
      throw new Error(`${where}.name must match ${NAME.source}`);
    }
    if (typeof budget.usd !== 'number' || !Number.isFinite(budget.usd) || budget.usd <= 0) {
      throw new Error(`${where}.usd must be a positive number of US dollars`);
    }
    if (!WINDOWS.includes(budget.window)) throw new Error(`${where}.window must be one of ${WINDOWS.join(', ')}`);
    if (budget.tenant !== undefined && (typeof budget.tenant !== 'string' || !NAME.test(budget.tenant))) {
      throw new Error(`${where}.tenant must match ${NAME.source}`);
    }
    const key = `${budget.name}\u0000${budget.window}\u0000${budget.tenant ?? ''}`;
    if (seen.has(key)) throw new Error(`${where} repeats budget "${budget.name}" for the same window and tenant`);
    seen.add(key);
  }
  return budgets;
}
