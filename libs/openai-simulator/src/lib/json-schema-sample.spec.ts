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

  it('throws UnsupportedSchemaError for unresolvable references and endless required recursion', () => {
    expect(() => sampleFromJsonSchema({ $ref: '#/$defs/Missing' }, new SeededRandom(1))).toThrow(UnsupportedSchemaError);
    const endless = { type: 'object', properties: { self: { $ref: '#' } }, required: ['self'] };
    expect(() => sampleFromJsonSchema(endless, new SeededRandom(1))).toThrow(UnsupportedSchemaError);
  });
});
