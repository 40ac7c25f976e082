import type { BudgetOptions, BudgetWindow } from '@openai-monitoring/openai-metrics';
import { envList, type Fail } from '@openai-monitoring/env-config';
import { LABEL_VALUE } from './label-value';

const WINDOWS: readonly BudgetWindow[] = ['1h', '24h', '7d', '30d'];
const USD = /^\d+(\.\d+)?$/;

function budgetEntry(entry: string, fail: Fail): BudgetOptions {
  const parts = entry.split(':').map((part) => part.trim());
  if (parts.length < 3 || parts.length > 4) fail(`("${entry}") must be name:usd:window[:tenant]`);
  const [name, usd, window, tenant] = parts;
  if (!LABEL_VALUE.test(name)) fail(`("${entry}") has a name that does not match ${LABEL_VALUE.source}`);
  const amount = Number(usd);
  if (!USD.test(usd) || !Number.isFinite(amount) || amount <= 0) fail(`("${entry}") must give a positive amount in USD, got "${usd}"`);
  if (!WINDOWS.includes(window as BudgetWindow)) fail(`("${entry}") must have a window of ${WINDOWS.join(', ')}, got "${window}"`);
  if (tenant !== undefined && !LABEL_VALUE.test(tenant)) fail(`("${entry}") has a tenant that does not match ${LABEL_VALUE.source}`);
  return { name, usd: amount, window: window as BudgetWindow, ...(tenant === undefined ? {} : { tenant }) };
}

/** `OPENAI_BUDGETS`: `name:usd:window[:tenant],…`; one budget per name and tenant. */
export const budgetsEnv = envList(budgetEntry, { optional: true }).superRefine((budgets, ctx) => {
  const seen = new Set<string>();
  for (const { name, tenant } of budgets) {
    const id = `${name}:${tenant ?? ''}`;
    if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `has budget "${name}"${tenant ? ` for tenant "${tenant}"` : ''} twice` });
    seen.add(id);
  }
});
