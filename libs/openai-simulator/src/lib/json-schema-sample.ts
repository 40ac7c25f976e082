import { SeededRandom } from './seeded-random';
import { loremWords } from './lorem';

type Schema = Record<string, unknown>;

/** Past this depth only required/minimal values are produced, so recursive schemas terminate. */
const SOFT_DEPTH = 8;
const HARD_DEPTH = 64;

export class UnsupportedSchemaError extends Error {}

/**
 * Produces a value that validates against `schema` (the subset Structured Outputs accepts):
 * objects, arrays, strings (enum, length, common formats), numbers/integers (bounds, multipleOf),
 * booleans, null, const, anyOf/oneOf (first branch), allOf, $ref into $defs/definitions.
 * A `pattern` is honoured only when one of a few common shapes matches it (times, dates, ids, codes...).
 */
export function sampleFromJsonSchema(schema: unknown, random: SeededRandom): unknown {
  return new Sampler(schema, random).sample(schema, 0);
}

class Sampler {
  constructor(
    private readonly root: unknown,
    private readonly random: SeededRandom,
  ) {}

  sample(node: unknown, depth: number): unknown {
    if (depth > HARD_DEPTH) throw new UnsupportedSchemaError('schema nesting is too deep to generate a value');
    if (node === true || node === undefined) return loremWords(this.random, 1);
    if (!isSchema(node)) throw new UnsupportedSchemaError('schema must be an object');

    if (typeof node['$ref'] === 'string') return this.sample(this.resolveRef(node['$ref']), depth + 1);
    if ('const' in node) return node['const'];
    if (Array.isArray(node['enum']) && node['enum'].length > 0) return this.random.pick(node['enum']);

    const branches = (node['anyOf'] ?? node['oneOf']) as unknown;
    if (Array.isArray(branches) && branches.length > 0) return this.sample(this.pickBranch(branches, depth), depth + 1);
    if (Array.isArray(node['allOf']) && node['allOf'].length > 0) return this.sample(this.mergeAllOf(node), depth + 1);

    switch (this.typeOf(node, depth)) {
      case 'null':
        return null;
      case 'boolean':
        return this.random.next() < 0.5;
      case 'integer':
        return this.sampleNumber(node, true);
      case 'number':
        return this.sampleNumber(node, false);
      case 'array':
        return this.sampleArray(node, depth);
      case 'object':
        return this.sampleObject(node, depth);
      default:
        return this.sampleString(node);
    }
  }

  private resolveRef(ref: string): unknown {
    if (ref === '#') return this.root;
    if (!ref.startsWith('#/')) throw new UnsupportedSchemaError(`unsupported $ref ${ref}`);
    let current: unknown = this.root;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (!isSchema(current) || !(key in current)) throw new UnsupportedSchemaError(`unresolvable $ref ${ref}`);
      current = current[key];
    }
    return current;
  }

  /** First branch, except when deep: then a null branch if any, so recursion stops. */
  private pickBranch(branches: unknown[], depth: number): unknown {
    if (depth >= SOFT_DEPTH) {
      const nullBranch = branches.find((branch) => isSchema(branch) && branch['type'] === 'null');
      if (nullBranch) return nullBranch;
    }
    return branches[0];
  }

  private mergeAllOf(node: Schema): Schema {
    const merged: Schema = { ...node };
    const properties: Schema = { ...(node['properties'] as Schema | undefined) };
    const required = new Set<string>((node['required'] as string[] | undefined) ?? []);
    for (const part of node['allOf'] as unknown[]) {
      const resolved = isSchema(part) && typeof part['$ref'] === 'string' ? this.resolveRef(part['$ref']) : part;
      if (!isSchema(resolved)) continue;
      Object.assign(merged, resolved);
      Object.assign(properties, resolved['properties']);
      for (const key of (resolved['required'] as string[] | undefined) ?? []) required.add(key);
    }
    merged['allOf'] = undefined;
    merged['properties'] = properties;
    merged['required'] = [...required];
    return merged;
  }

  private typeOf(node: Schema, depth: number): string {
    const type = node['type'];
    if (typeof type === 'string') return type;
    if (Array.isArray(type)) {
      const nonNull = type.filter((t) => t !== 'null');
      if (nonNull.length === 0 || (depth >= SOFT_DEPTH && nonNull.length < type.length)) return 'null';
      return String(nonNull[0]);
    }
    if ('properties' in node || 'additionalProperties' in node || 'required' in node) return 'object';
    if ('items' in node || 'prefixItems' in node) return 'array';
    if ('minimum' in node || 'maximum' in node || 'exclusiveMinimum' in node || 'exclusiveMaximum' in node) {
      return 'number';
    }
    return 'string';
  }

  private sampleObject(node: Schema, depth: number): Record<string, unknown> {
    const properties = (node['properties'] as Schema | undefined) ?? {};
    const required = (node['required'] as string[] | undefined) ?? [];
    const keys = depth >= SOFT_DEPTH ? required : [...new Set([...Object.keys(properties), ...required])];
    const result: Record<string, unknown> = {};
    for (const key of keys) result[key] = this.sample(properties[key], depth + 1);

    const extra = node['additionalProperties'];
    const minProperties = typeof node['minProperties'] === 'number' ? node['minProperties'] : 0;
    for (let i = 1; Object.keys(result).length < minProperties && extra !== false; i++) {
      result[`key${i}`] = this.sample(isSchema(extra) ? extra : true, depth + 1);
    }
    return result;
  }

  private sampleArray(node: Schema, depth: number): unknown[] {
    // Tuples: `prefixItems` (2020-12) or an `items` array (draft-7, remaining items in `additionalItems`).
    const tupleItems = Array.isArray(node['items']);
    const prefix = (node['prefixItems'] ?? (tupleItems ? node['items'] : [])) as unknown[];
    const rest = tupleItems ? node['additionalItems'] : node['items'];
    const min = typeof node['minItems'] === 'number' ? node['minItems'] : 0;
    const max = typeof node['maxItems'] === 'number' ? node['maxItems'] : Number.POSITIVE_INFINITY;
    const wanted = depth >= SOFT_DEPTH ? min : Math.max(prefix.length, this.random.int(1, 3));
    let count = Math.max(min, Math.min(max, wanted));
    if (rest === false) count = Math.min(count, prefix.length);
    const result: unknown[] = [];
    for (let i = 0; i < count; i++) result.push(this.sample(i < prefix.length ? prefix[i] : rest, depth + 1));
    return result;
  }

  private sampleNumber(node: Schema, integer: boolean): number {
    const [minimum, lowExclusive] = bound(node, 'minimum', 'exclusiveMinimum');
    const [maximum, highExclusive] = bound(node, 'maximum', 'exclusiveMaximum');
    const multipleOf = typeof node['multipleOf'] === 'number' && node['multipleOf'] > 0 ? node['multipleOf'] : 0;
    const step = multipleOf || (integer ? 1 : 0);

    if (step > 0) {
      if (integer && step % 1 !== 0) throw new UnsupportedSchemaError('integer schema with a fractional multipleOf');
      let kLow = Math.ceil(minimum / step);
      if (lowExclusive && kLow * step <= minimum) kLow++;
      let kHigh = Math.floor(maximum / step);
      if (highExclusive && kHigh * step >= maximum) kHigh--;
      [kLow, kHigh] = preferredWindow(kLow, kHigh, Math.ceil(100 / step));
      const k = kHigh >= kLow ? this.random.int(kLow, kHigh) : kLow;
      return roundLike(k * step, step);
    }

    const [low, high] = preferredWindow(minimum, maximum, 100);
    if (high <= low) return low;
    const value = Math.round((low + (high - low) * this.random.next()) * 100) / 100;
    const tooLow = lowExclusive ? value <= low : value < low;
    const tooHigh = highExclusive ? value >= high : value > high;
    return tooLow || tooHigh ? (low + high) / 2 : value;
  }

  private sampleString(node: Schema): string {
    if (typeof node['format'] === 'string') {
      const formatted = sampleFormat(node['format'], this.random);
      if (formatted !== undefined) return formatted;
    }
    if (typeof node['pattern'] === 'string') {
      const matching = sampleForPattern(node['pattern']);
      if (matching !== undefined) return matching;
    }
    const min = typeof node['minLength'] === 'number' ? node['minLength'] : 0;
    const max = typeof node['maxLength'] === 'number' ? node['maxLength'] : Number.POSITIVE_INFINITY;
    let text = loremWords(this.random, this.random.int(2, 5));
    while (text.length < min) text += ` ${loremWords(this.random, 4)}`;
    if (text.length > max) text = text.slice(0, max).trimEnd();
    return text.length < min ? text.padEnd(min, 'x') : text;
  }
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** [limit, exclusive], understanding both draft-4 (boolean) and draft-6+ (numeric) exclusive bounds. */
function bound(node: Schema, inclusiveKey: string, exclusiveKey: string): [number, boolean] {
  const inclusive = node[inclusiveKey];
  const exclusive = node[exclusiveKey];
  if (typeof exclusive === 'number') return [exclusive, true];
  const fallback = inclusiveKey === 'minimum' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  return [typeof inclusive === 'number' ? inclusive : fallback, exclusive === true];
}

/** Narrows [low, high] to a window of `width` as close to [0, width] as the bounds allow: readable numbers. */
function preferredWindow(low: number, high: number, width: number): [number, number] {
  const start = Math.max(low, Math.min(Math.max(0, low), high - width));
  return [start, Math.min(high, start + width)];
}

function roundLike(value: number, step: number): number {
  const decimals = (String(step).split('.')[1] ?? '').length;
  return Number(value.toFixed(decimals));
}

const PATTERN_CANDIDATES = [
  '12:00:00',
  '2025-01-01',
  '2025-01-01T12:00:00Z',
  'user@example.com',
  'https://example.com/lorem',
  '00000000-0000-4000-8000-000000000000',
  'ABC',
  'abc',
  'Lorem',
  'lorem-ipsum',
  'lorem_ipsum',
  'a1',
  'A1',
  '1',
  '123',
  '12345',
  '+15550100',
  'P1D',
  '192.0.2.1',
  '#000000',
  'x',
];

function sampleForPattern(pattern: string): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
  return PATTERN_CANDIDATES.find((candidate) => regex.test(candidate));
}

function sampleFormat(format: string, random: SeededRandom): string | undefined {
  switch (format) {
    case 'date-time':
      return '2025-01-01T12:00:00Z';
    case 'date':
      return '2025-01-01';
    case 'time':
      return '12:00:00';
    case 'duration':
      return 'P1D';
    case 'email':
      return 'user@example.com';
    case 'hostname':
      return 'example.com';
    case 'uri':
    case 'url':
      return 'https://example.com/lorem';
    case 'ipv4':
      return '192.0.2.1';
    case 'ipv6':
      return '2001:db8::1';
    case 'uuid': {
      const hex = (n: number) => Array.from({ length: n }, () => random.int(0, 15).toString(16)).join('');
      return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
    }
    default:
      return undefined;
  }
}
