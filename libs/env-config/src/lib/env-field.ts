import { z } from 'zod';

/** A variable's schema: reads the raw `string | undefined` of the environment, yields `T`. */
export type EnvField<T> = z.ZodType<T, string | undefined>;

/** Says what is wrong with a value, e.g. `must be a whole number, got "x"`; `parseEnv` prefixes the variable. */
export type Fail = (problem: string) => never;

class EnvProblem {
  constructor(readonly message: string) {}
}

const fail: Fail = (problem) => {
  throw new EnvProblem(problem);
};

const NOT_SET = 'is required but not set';

/**
 * A variable read by `parse` once trimmed; blank means unset, which yields `fallback()`.
 * Every other field is built on this one, so all variables trim, default and fail the same way.
 */
export function envField<T>(parse: (raw: string, fail: Fail) => T, fallback: (fail: Fail) => T): EnvField<T> {
  return z
    .string()
    .optional()
    .transform((input, ctx) => {
      const raw = input?.trim();
      try {
        return raw ? parse(raw, fail) : fallback(fail);
      } catch (error) {
        if (!(error instanceof EnvProblem)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
        return z.NEVER;
      }
    });
}

const unset = () => undefined;
const required = (failWith: Fail): never => failWith(NOT_SET);
const orRequired = <T>(fallback: T | undefined) => (fallback === undefined ? required : () => fallback);

/** Text; unset yields `fallback` (undefined when none is given). */
export function envText(): EnvField<string | undefined>;
export function envText(fallback: string): EnvField<string>;
export function envText(fallback?: string): EnvField<string | undefined> {
  return envField((raw) => raw, () => fallback);
}

/** Text that must be set. */
export function envRequired(): EnvField<string> {
  return envField((raw) => raw, required);
}

export interface IntegerBounds {
  min?: number;
  max?: number;
}

/** Parses a whole number within [min, max]; throws through `failWith` otherwise. */
function wholeNumber(raw: string, failWith: Fail, { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER }: IntegerBounds = {}): number {
  const value = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(value)) failWith(`must be a whole number, got "${raw}"`);
  if (value < min || value > max) failWith(`must be between ${min} and ${max}, got ${value}`);
  return value;
}

/** A whole number within bounds; unset yields `fallback`, or is an error when there is none. */
export function envInteger(fallback: number | undefined, bounds: IntegerBounds = {}): EnvField<number> {
  return envField((raw, failWith) => wholeNumber(raw, failWith, bounds), orRequired(fallback));
}

/** A finite number, checked by `check` (which returns what the value must be, or undefined when it is fine). */
export function envNumber(check: (value: number) => string | undefined = () => undefined): EnvField<number | undefined> {
  return envField((raw, failWith) => {
    const value = Number(raw);
    if (!Number.isFinite(value)) failWith(`must be a number, got "${raw}"`);
    const problem = check(value);
    if (problem !== undefined) failWith(`must be ${problem}, got ${value}`);
    return value;
  }, unset);
}

const TRUE = ['true', '1', 'yes'];
const FALSE = ['false', '0', 'no'];

/** true/1/yes or false/0/no, any case. */
export function envBoolean(fallback: boolean): EnvField<boolean> {
  return envField((raw, failWith) => {
    const value = raw.toLowerCase();
    if (TRUE.includes(value)) return true;
    if (FALSE.includes(value)) return false;
    return failWith(`must be true or false, got "${value}"`);
  }, () => fallback);
}

export interface ListOptions {
  /** Whether unset or an empty list is fine (yields []). Default false: the variable is required. */
  optional?: boolean;
}

/**
 * Comma-separated entries, trimmed, blanks dropped, each read by `parseEntry`. An entry's problem is
 * reported as `entry <n> ...`, so a secret entry is never echoed unless `parseEntry` echoes it.
 */
export function envList<T = string>(
  parseEntry: (entry: string, fail: Fail) => T = (entry) => entry as T,
  { optional = false }: ListOptions = {},
): EnvField<T[]> {
  const none = (failWith: Fail): T[] => (optional ? [] : failWith(NOT_SET));
  return envField((raw, failWith) => {
    const entries = raw
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0);
    if (entries.length === 0 && !optional) failWith('must list at least one value (comma-separated)');
    return entries.map((entry, i) => parseEntry(entry, (problem) => failWith(`entry ${i + 1} ${problem}`)));
  }, none);
}
