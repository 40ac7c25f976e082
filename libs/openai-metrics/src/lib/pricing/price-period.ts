import type { ConditionalPrice, ModelInfo, ModelPrice as GenaiPrice } from '@pydantic/genai-prices';

/** When one of a model's dated or time-of-day prices applies, compiled from the database's constraint. */
export type PeriodStart =
  | { readonly kind: 'always' }
  | { readonly kind: 'from'; readonly ms: number }
  | { readonly kind: 'daily'; readonly startSecond: number; readonly endSecond: number };

export interface PricePeriod {
  readonly start: PeriodStart;
  readonly price: GenaiPrice;
}

const DAY_SECONDS = 86_400;

/** `HH:MM:SS[.fff](Z|±HH:MM)` as UTC seconds of the day, as genai-prices reads it. */
function utcSecondOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(time);
  if (!match) throw new Error(`Invalid time-of-day constraint: ${time}`);
  const [, h, m, s, fraction = '', zone, sign, oh = '00', om = '00'] = match;
  const offset = (Number(oh) * 60 + Number(om)) * 60;
  const local = Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(`0.${fraction}`);
  return (local - (zone === 'Z' ? 0 : sign === '+' ? offset : -offset) + DAY_SECONDS) % DAY_SECONDS;
}

function periodStart(constraint: ConditionalPrice['constraint']): PeriodStart {
  if (constraint === undefined) return { kind: 'always' };
  if (constraint.type === 'start_date') return { kind: 'from', ms: new Date(constraint.start_date).getTime() };
  return { kind: 'daily', startSecond: utcSecondOfDay(constraint.start_time), endSecond: utcSecondOfDay(constraint.end_time) };
}

/** A model's prices as periods, in the database's order. */
export function pricePeriods(prices: ModelInfo['prices']): PricePeriod[] {
  if (!Array.isArray(prices)) return [{ start: { kind: 'always' }, price: prices }];
  return prices.map((entry) => ({ start: periodStart(entry.constraint), price: entry.prices }));
}

function applies(start: PeriodStart, ms: number): boolean {
  if (start.kind === 'always') return true;
  if (start.kind === 'from') return ms >= start.ms;
  const second = ((ms % 86_400_000) + 86_400_000) / 1000 % DAY_SECONDS;
  return start.endSecond < start.startSecond
    ? second >= start.startSecond || second < start.endSecond
    : second >= start.startSecond && second < start.endSecond;
}

/** The period in force at `ms`: the last that applies, else the first (genai-prices' rule). */
export function periodIndexAt(periods: readonly { readonly start: PeriodStart }[], ms: number): number {
  for (let index = periods.length - 1; index >= 0; index--) if (applies(periods[index].start, ms)) return index;
  return 0;
}
