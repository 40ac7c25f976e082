import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { sampleFromJsonSchema, UnsupportedSchemaError } from './json-schema-sample';
import { SeededRandom } from './seeded-random';

const jsonSchemaOf = (schema: z.ZodType) => zodTextFormat(schema, 'test').schema;

const TreeNode: z.ZodType<{ name: string; children: unknown[] }> = z.object({
  name: z.string(),
  get children() {
    return z.array(TreeNode);
  },
});

const Everything = z.object({
  label: z.enum(['positive', 'negative', 'neutral']),
  score: z.number().min(0).max(1),
  open: z.number().gt(0).lt(1),
  negative: z.number().max(-5),
  big: z.number().min(1_000),
  count: z.int().min(2).max(4),
  step: z.int().multipleOf(5).min(7).max(40),
  decimal: z.number().multipleOf(0.25),
  short: z.string().min(3).max(5),
  long: z.string().min(60),
  email: z.email(),
  id: z.uuid(),
  at: z.iso.datetime(),
  day: z.iso.date(),
  time: z.iso.time(),
  link: z.url(),
  code: z.string().regex(/^[A-Z]{3}$/),
  literal: z.literal('fixed'),
  maybe: z.string().nullable(),
  optional: z.number().optional().nullable(),
  flag: z.boolean(),
  tags: z.array(z.string()).min(2).max(3),
  nested: z.object({ inner: z.object({ deep: z.array(z.int().min(0).max(9)).max(2) }) }),
  either: z.union([z.string(), z.number()]),
  shape: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('circle'), radius: z.number().positive() }),
    z.object({ kind: z.literal('square'), side: z.number() }),
  ]),
  tree: TreeNode,
});

describe('sampleFromJsonSchema', () => {
  it('produces values that pass a zod schema using every supported feature', () => {
    const schema = jsonSchemaOf(Everything);
    for (let seed = 1; seed <= 50; seed++) {
      const value = sampleFromJsonSchema(schema, new SeededRandom(seed));
      expect(Everything.safeParse(value).error).toBeUndefined();
    }
  });

  it('is deterministic for a seed and varies between seeds', () => {
    const schema = jsonSchemaOf(Everything);
    const a = sampleFromJsonSchema(schema, new SeededRandom(3));
    expect(sampleFromJsonSchema(schema, new SeededRandom(3))).toEqual(a);
    expect(sampleFromJsonSchema(schema, new SeededRandom(4))).not.toEqual(a);
  });

  it('handles $defs, escaped definition names, allOf, prefixItems, draft-4 bounds and minProperties', () => {
    const schema = {
      type: 'object',
      properties: {
        viaDefs: { $ref: '#/$defs/Point' },
        escaped: { $ref: '#/definitions/a~1b' },
        merged: { allOf: [{ $ref: '#/$defs/Point' }, { properties: { z: { const: 3 } }, required: ['z'] }] },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
        draft4: { type: 'number', minimum: 10, exclusiveMinimum: true, maximum: 11, exclusiveMaximum: true },
        nullableInt: { type: ['integer', 'null'], minimum: 1, maximum: 1 },
        bag: { type: 'object', additionalProperties: { type: 'boolean' }, minProperties: 2 },
      },
      $defs: { Point: { type: 'object', properties: { x: { type: 'integer' }, y: { type: 'integer' } } } },
      definitions: { 'a/b': { enum: ['only'] } },
    };
    const value = sampleFromJsonSchema(schema, new SeededRandom(1)) as Record<string, unknown>;

    expect(value['viaDefs']).toEqual({ x: expect.any(Number), y: expect.any(Number) });
    expect(value['escaped']).toBe('only');
    expect(value['merged']).toEqual({ x: expect.any(Number), y: expect.any(Number), z: 3 });
    expect(value['pair']).toEqual([expect.any(String), expect.any(Number)]);
    expect(value['draft4']).toBeGreaterThan(10);
    expect(value['draft4']).toBeLessThan(11);
    expect(value['nullableInt']).toBe(1);
    expect(Object.values(value['bag'] as object)).toEqual([expect.any(Boolean), expect.any(Boolean)]);
  });

  it('picks the first anyOf branch, and a null branch once deep in a recursive schema', () => {
    const list = {
      $ref: '#/$defs/List',
      $defs: {
        List: {
          type: 'object',
          properties: { next: { anyOf: [{ $ref: '#/$defs/List' }, { type: 'null' }] } },
          required: ['next'],
        },
      },
    };
    let node = sampleFromJsonSchema(list, new SeededRandom(1)) as { next: unknown } | null;
    let length = 0;
    while (node) {
      length++;
      node = node.next as { next: unknown } | null;
    }
    expect(length).toBeGreaterThan(1);
    expect(length).toBeLessThan(20);
  });

  it('tries the next anyOf branch when the first cannot be satisfied', () => {
    const schema = { anyOf: [{ type: 'string', minLength: 5, maxLength: 2 }, { type: 'integer', minimum: 7, maximum: 7 }] };
    expect(sampleFromJsonSchema(schema, new SeededRandom(1))).toBe(7);
  });

  it('keeps uniqueItems, stops short of maxProperties and fills minProperties from declared properties', () => {
    const schema = {
      type: 'object',
      properties: {
        picks: { type: 'array', items: { enum: ['a', 'b', 'c'] }, minItems: 3, uniqueItems: true },
        few: { type: 'object', properties: { a: { type: 'null' }, b: { type: 'null' }, c: { type: 'null' } }, maxProperties: 1 },
        closed: { type: 'object', properties: { a: { type: 'null' }, b: { type: 'null' } }, additionalProperties: false, minProperties: 2 },
      },
    };
    for (let seed = 1; seed <= 20; seed++) {
      const value = sampleFromJsonSchema(schema, new SeededRandom(seed)) as Record<string, Record<string, unknown> | string[]>;
      expect([...(value['picks'] as string[])].sort()).toEqual(['a', 'b', 'c']);
      expect(Object.keys(value['few'])).toHaveLength(1);
      expect(value['closed']).toEqual({ a: null, b: null });
    }
  });

  it.each([
    ['not', { type: 'object', properties: { x: { not: { type: 'string' } } } }, /unsupported keyword "not" at #\/properties\/x/],
    ['if/then', { type: 'string', if: { minLength: 2 }, then: { maxLength: 1 } }, /unsupported keyword "if"/],
    ['patternProperties', { type: 'object', patternProperties: { '^x': { type: 'string' } } }, /unsupported keyword "patternProperties"/],
    ['contains', { type: 'array', contains: { const: 1 } }, /unsupported keyword "contains"/],
    ['an empty enum', { enum: [] }, /enum lists no value at #/],
    ['a const of another type', { type: 'string', const: 3 }, /const does not have the schema's type/],
    ['an unknown type', { type: 'text' }, /unknown type "text"/],
    ['false', { type: 'object', properties: { x: false }, required: ['x'] }, /schema false accepts no value at #\/properties\/x/],
    ['minLength above maxLength', { type: 'string', minLength: 5, maxLength: 3 }, /minLength 5 exceeds maxLength 3/],
    ['a pattern no shape matches', { type: 'string', pattern: '^[0-9]{4}-zz$' }, /no generated value matches pattern/],
    ['a pattern within too short a maxLength', { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', maxLength: 5 }, /no generated value matches pattern/],
    ['an invalid pattern', { type: 'string', pattern: '([a-z' }, /is not a valid regular expression/],
    ['a format longer than maxLength', { type: 'string', format: 'date-time', maxLength: 10 }, /no date-time value fits the length bounds/],
    ['minimum above maximum', { type: 'number', minimum: 5, maximum: 1 }, /no number lies within the bounds/],
    ['equal exclusive bounds', { type: 'number', exclusiveMinimum: 1, maximum: 1 }, /no number lies within the bounds/],
    ['no integer in range', { type: 'integer', minimum: 1.2, maximum: 1.8 }, /no integer lies within the bounds/],
    ['no multiple in range', { type: 'number', multipleOf: 10, minimum: 1, maximum: 9 }, /no multiple of 10 lies within the bounds/],
    ['minItems above maxItems', { type: 'array', minItems: 3, maxItems: 1 }, /minItems 3 exceeds maxItems 1/],
    ['a closed tuple shorter than minItems', { type: 'array', prefixItems: [{ type: 'string' }], items: false, minItems: 2 }, /minItems 2 exceeds the 1 allowed items/],
    ['too few distinct items', { type: 'array', items: { enum: ['a', 'b'] }, minItems: 3, uniqueItems: true }, /no 3 distinct items found for uniqueItems/],
    ['a required property that is not allowed', { type: 'object', properties: {}, required: ['x'], additionalProperties: false }, /required "x" is not an allowed property/],
    ['more required than maxProperties', { type: 'object', properties: { a: {}, b: {} }, required: ['a', 'b'], maxProperties: 1 }, /exceed maxProperties 1/],
    ['minProperties above what is allowed', { type: 'object', properties: { a: {} }, additionalProperties: false, minProperties: 2 }, /minProperties 2 exceeds the 1 allowed properties/],
    ['allOf parts of different types', { allOf: [{ type: 'string' }, { type: 'integer' }] }, /parts require both type string and integer at #\/allOf/],
    ['allOf bounds that exclude each other', { allOf: [{ type: 'integer', minimum: 5 }, { maximum: 3 }] }, /no integer lies within the bounds/],
    ['anyOf with no satisfiable branch', { anyOf: [{ enum: [] }, { type: 'string', minLength: 2, maxLength: 1 }] }, /minLength 2 exceeds maxLength 1 at #\/anyOf\/1/],
  ])('refuses %s, naming where, rather than producing a value that does not fit', (_case, schema, message) => {
    expect(() => sampleFromJsonSchema(schema, new SeededRandom(1))).toThrow(UnsupportedSchemaError);
    expect(() => sampleFromJsonSchema(schema, new SeededRandom(1))).toThrow(message);
  });

  it('throws UnsupportedSchemaError for unresolvable references and endless required recursion', () => {
    expect(() => sampleFromJsonSchema({ $ref: '#/$defs/Missing' }, new SeededRandom(1))).toThrow(UnsupportedSchemaError);
    const endless = { type: 'object', properties: { self: { $ref: '#' } }, required: ['self'] };
    expect(() => sampleFromJsonSchema(endless, new SeededRandom(1))).toThrow(UnsupportedSchemaError);
  });
});
