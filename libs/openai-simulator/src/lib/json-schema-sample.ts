import { SeededRandom } from './seeded-random';
import { loremWords } from './lorem';

type Schema = Record<string, unknown>;

/** Past this depth only required/minimal values are produced, so recursive schemas terminate. */
const SOFT_DEPTH = 8;
const HARD_DEPTH = 64;

/** The schema has no value this sampler can produce; the simulator answers 400 rather than a wrong sample. */
export class UnsupportedSchemaError extends Error {}

/** Keywords that constrain values in ways the sampler does not follow: refused, never ignored. */
const UNSUPPORTED_KEYWORDS = [
  'not',
  'if',
  'then',
  'else',
  'dependentRequired',
  'dependentSchemas',
  'dependencies',
  'patternProperties',
  'propertyNames',
  'contains',
  'minContains',
  'maxContains',
  'unevaluatedProperties',
  'unevaluatedItems',
  '$dynamicRef',
];
const TYPES = ['null', 'boolean', 'integer', 'number', 'string', 'array', 'object'];
/** How many times an array item is drawn again to satisfy `uniqueItems`. */
const UNIQUE_TRIES = 20;

/**
 * Produces a value that validates against `schema` (the subset Structured Outputs accepts):
 * objects, arrays, strings (enum, length, common formats), numbers/integers (bounds, multipleOf),
 * booleans, null, const, anyOf/oneOf (first branch that can be satisfied), allOf, $ref into $defs/definitions.
 * A `pattern` is honoured only when one of a few common shapes matches it (times, dates, ids, codes...).
 * Throws UnsupportedSchemaError, naming where, for a schema it cannot satisfy: an unsupported keyword,
 * contradictory bounds, a pattern none of its shapes match, an unresolvable $ref, endless recursion.
 */
export function sampleFromJsonSchema(schema: unknown, random: SeededRandom): unknown {
  return new Sampler(schema, random).sample(schema, 0, '#');
}

const unsatisfiable = (at: string, why: string) => new UnsupportedSchemaError(`${why} at ${at}`);

class Sampler {
  constructor(
    private readonly root: unknown,
    private readonly random: SeededRandom,
  ) {}

  sample(node: unknown, depth: number, at: string): unknown {
    if (depth > HARD_DEPTH) throw new UnsupportedSchemaError('schema nesting is too deep to generate a value');
    if (node === true || node === undefined) return loremWords(this.random, 1);
    if (node === false) throw unsatisfiable(at, 'schema false accepts no value');
    if (!isSchema(node)) throw new UnsupportedSchemaError(`schema must be an object at ${at}`);
    const keyword = UNSUPPORTED_KEYWORDS.find((key) => key in node);
    if (keyword) throw unsatisfiable(at, `unsupported keyword "${keyword}"`);

    if (typeof node['$ref'] === 'string') return this.sample(this.resolveRef(node['$ref']), depth + 1, node['$ref']);
    if ('const' in node) return this.sampleConst(node, at);
    if (Array.isArray(node['enum'])) {
      if (node['enum'].length === 0) throw unsatisfiable(at, 'enum lists no value');
      return this.random.pick(node['enum']);
    }

    const branchKey = 'anyOf' in node ? 'anyOf' : 'oneOf';
    const branches = node[branchKey] as unknown;
    if (Array.isArray(branches)) return this.sampleBranches(branches, depth, `${at}/${branchKey}`);
    if (Array.isArray(node['allOf']) && node['allOf'].length > 0) return this.sample(this.mergeAllOf(node, at), depth + 1, at);

    switch (this.typeOf(node, depth, at)) {
      case 'null':
        return null;
      case 'boolean':
        return this.random.next() < 0.5;
      case 'integer':
        return this.sampleNumber(node, true, at);
      case 'number':
        return this.sampleNumber(node, false, at);
      case 'array':
        return this.sampleArray(node, depth, at);
      case 'object':
        return this.sampleObject(node, depth, at);
      default:
        return this.sampleString(node, at);
    }
  }

  private sampleConst(node: Schema, at: string): unknown {
    const value = node['const'];
    const types = typeof node['type'] === 'string' ? [node['type']] : Array.isArray(node['type']) ? node['type'] : undefined;
    if (types && !types.some((type) => hasType(value, String(type)))) throw unsatisfiable(at, 'const does not have the schema\'s type');
    return value;
  }

  /** The first branch that can be satisfied; deep in a recursive schema, a null branch first, so recursion stops. */
  private sampleBranches(branches: unknown[], depth: number, at: string): unknown {
    if (branches.length === 0) throw unsatisfiable(at, 'no branch to choose from');
    const order = branches.map((branch, i) => ({ branch, i }));
    if (depth >= SOFT_DEPTH) {
      const nullFirst = order.findIndex(({ branch }) => isSchema(branch) && branch['type'] === 'null');
      if (nullFirst > 0) order.unshift(...order.splice(nullFirst, 1));
    }
    let lastError: unknown;
    for (const { branch, i } of order) {
      try {
        return this.sample(branch, depth + 1, `${at}/${i}`);
      } catch (error) {
        if (!(error instanceof UnsupportedSchemaError)) throw error;
        lastError = error;
      }
    }
    throw lastError;
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

  private mergeAllOf(node: Schema, at: string): Schema {
    const merged: Schema = { ...node };
    const properties: Schema = { ...(node['properties'] as Schema | undefined) };
    const required = new Set<string>((node['required'] as string[] | undefined) ?? []);
    for (const part of node['allOf'] as unknown[]) {
      const resolved = isSchema(part) && typeof part['$ref'] === 'string' ? this.resolveRef(part['$ref']) : part;
      if (!isSchema(resolved)) continue;
      if (typeof merged['type'] === 'string' && typeof resolved['type'] === 'string' && merged['type'] !== resolved['type']) {
        throw unsatisfiable(`${at}/allOf`, `parts require both type ${merged['type']} and ${resolved['type']}`);
      }
      Object.assign(merged, resolved);
      Object.assign(properties, resolved['properties']);
      for (const key of (resolved['required'] as string[] | undefined) ?? []) required.add(key);
    }
    merged['allOf'] = undefined;
    merged['properties'] = properties;
    merged['required'] = [...required];
    return merged;
  }

  private typeOf(node: Schema, depth: number, at: string): string {
    const type = node['type'];
    const unknown = (Array.isArray(type) ? type : [type]).find((t) => t !== undefined && !TYPES.includes(t as string));
    if (unknown !== undefined) throw unsatisfiable(at, `unknown type ${JSON.stringify(unknown)}`);
    if (typeof type === 'string') return type;
    if (Array.isArray(type)) {
      if (type.length === 0) throw unsatisfiable(at, 'type lists no type');
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

  private sampleObject(node: Schema, depth: number, at: string): Record<string, unknown> {
    const properties = (node['properties'] as Schema | undefined) ?? {};
    const required = (node['required'] as string[] | undefined) ?? [];
    const extra = node['additionalProperties'];
    const minProperties = typeof node['minProperties'] === 'number' ? node['minProperties'] : 0;
    const maxProperties = typeof node['maxProperties'] === 'number' ? node['maxProperties'] : Number.POSITIVE_INFINITY;
    const undeclared = required.find((key) => !(key in properties));
    if (extra === false && undeclared !== undefined) throw unsatisfiable(at, `required "${undeclared}" is not an allowed property`);
    if (required.length > maxProperties) throw unsatisfiable(at, `${required.length} required properties exceed maxProperties ${maxProperties}`);
    if (minProperties > maxProperties) throw unsatisfiable(at, `minProperties ${minProperties} exceeds maxProperties ${maxProperties}`);
    if (extra === false && minProperties > Object.keys(properties).length) {
      throw unsatisfiable(at, `minProperties ${minProperties} exceeds the ${Object.keys(properties).length} allowed properties`);
    }

    const wanted = depth >= SOFT_DEPTH ? required : [...new Set([...Object.keys(properties), ...required])];
    let spare = maxProperties - required.length;
    const keys = wanted.filter((key) => required.includes(key) || spare-- > 0);
    const result: Record<string, unknown> = {};
    for (const key of keys) result[key] = this.sample(properties[key], depth + 1, `${at}/properties/${key}`);

    for (let i = 1; Object.keys(result).length < minProperties; i++) {
      const declared = Object.keys(properties).find((key) => !(key in result));
      if (declared !== undefined) result[declared] = this.sample(properties[declared], depth + 1, `${at}/properties/${declared}`);
      else if (!(`key${i}` in properties)) result[`key${i}`] = this.sample(isSchema(extra) ? extra : true, depth + 1, `${at}/additionalProperties`);
    }
    return result;
  }

  private sampleArray(node: Schema, depth: number, at: string): unknown[] {
    // Tuples: `prefixItems` (2020-12) or an `items` array (draft-7, remaining items in `additionalItems`).
    const tupleItems = Array.isArray(node['items']);
    const prefix = (node['prefixItems'] ?? (tupleItems ? node['items'] : [])) as unknown[];
    const rest = tupleItems ? node['additionalItems'] : node['items'];
    const min = typeof node['minItems'] === 'number' ? node['minItems'] : 0;
    const max = typeof node['maxItems'] === 'number' ? node['maxItems'] : Number.POSITIVE_INFINITY;
    const wanted = depth >= SOFT_DEPTH ? min : Math.max(prefix.length, this.random.int(1, 3));
    if (min > max) throw unsatisfiable(at, `minItems ${min} exceeds maxItems ${max}`);
    if (rest === false && min > prefix.length) throw unsatisfiable(at, `minItems ${min} exceeds the ${prefix.length} allowed items`);
    let count = Math.max(min, Math.min(max, wanted));
    if (rest === false) count = Math.min(count, prefix.length);
    const unique = node['uniqueItems'] === true;
    const result: unknown[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      const itemAt = i < prefix.length ? `${at}/prefixItems/${i}` : `${at}/items`;
      let item = this.sample(i < prefix.length ? prefix[i] : rest, depth + 1, itemAt);
      for (let tries = 0; unique && seen.has(JSON.stringify(item)) && tries < UNIQUE_TRIES; tries++) {
        item = this.sample(i < prefix.length ? prefix[i] : rest, depth + 1, itemAt);
      }
      if (unique && seen.has(JSON.stringify(item))) {
        if (result.length >= min) break;
        throw unsatisfiable(at, `no ${min} distinct items found for uniqueItems`);
      }
      seen.add(JSON.stringify(item));
      result.push(item);
    }
    return result;
  }

  private sampleNumber(node: Schema, integer: boolean, at: string): number {
    const [minimum, lowExclusive] = bound(node, 'minimum', 'exclusiveMinimum');
    const [maximum, highExclusive] = bound(node, 'maximum', 'exclusiveMaximum');
    const multipleOf = typeof node['multipleOf'] === 'number' && node['multipleOf'] > 0 ? node['multipleOf'] : 0;
    const step = multipleOf || (integer ? 1 : 0);

    if (step > 0) {
      if (integer && step % 1 !== 0) throw unsatisfiable(at, 'integer schema with a fractional multipleOf');
      let kLow = Math.ceil(minimum / step);
      if (lowExclusive && kLow * step <= minimum) kLow++;
      let kHigh = Math.floor(maximum / step);
      if (highExclusive && kHigh * step >= maximum) kHigh--;
      if (kHigh < kLow) throw unsatisfiable(at, `no ${multipleOf ? `multiple of ${step}` : 'integer'} lies within the bounds`);
      [kLow, kHigh] = preferredWindow(kLow, kHigh, Math.ceil(100 / step));
      return roundLike(this.random.int(kLow, kHigh) * step, step);
    }

    if (minimum > maximum || (minimum === maximum && (lowExclusive || highExclusive))) {
      throw unsatisfiable(at, 'no number lies within the bounds');
    }
    const [low, high] = preferredWindow(minimum, maximum, 100);
    if (high <= low) return low;
    const value = Math.round((low + (high - low) * this.random.next()) * 100) / 100;
    const tooLow = lowExclusive ? value <= low : value < low;
    const tooHigh = highExclusive ? value >= high : value > high;
    return tooLow || tooHigh ? (low + high) / 2 : value;
  }

  private sampleString(node: Schema, at: string): string {
    const min = typeof node['minLength'] === 'number' ? node['minLength'] : 0;
    const max = typeof node['maxLength'] === 'number' ? node['maxLength'] : Number.POSITIVE_INFINITY;
    if (min > max) throw unsatisfiable(at, `minLength ${min} exceeds maxLength ${max}`);
    const fits = (text: string) => [...text].length >= min && [...text].length <= max;
    const pattern = typeof node['pattern'] === 'string' ? compilePattern(node['pattern'], at) : undefined;
    if (typeof node['format'] === 'string') {
      const formatted = sampleFormat(node['format'], this.random);
      if (formatted !== undefined && fits(formatted) && (!pattern || pattern.test(formatted))) return formatted;
      if (formatted !== undefined && !pattern) throw unsatisfiable(at, `no ${node['format']} value fits the length bounds`);
    }
    if (pattern) {
      const matching = PATTERN_CANDIDATES.find((candidate) => pattern.test(candidate) && fits(candidate));
      if (matching === undefined) throw unsatisfiable(at, `no generated value matches pattern ${JSON.stringify(node['pattern'])}`);
      return matching;
    }
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

function compilePattern(pattern: string, at: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    throw unsatisfiable(at, `pattern ${JSON.stringify(pattern)} is not a valid regular expression`);
  }
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isSchema(value);
    default:
      return typeof value === type;
  }
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
