import { labelValuesToPromql, referencedVariables, substituteTemplateVariables } from './support';

describe('substituteTemplateVariables', () => {
  it('replaces $name, ${name}, ${name:format} and [[name]], and the interval built-ins', () => {
    const expr = 'rate(m{a=~"$a", b=~"${b}", c=~"${c:regex}", d=~"[[d]]"}[$__rate_interval])';

    expect(substituteTemplateVariables(expr, { a: '1', b: '2', c: '3', d: '4' })).toBe(
      'rate(m{a=~"1", b=~"2", c=~"3", d=~"4"}[1m])',
    );
    expect(referencedVariables(expr)).toEqual(['a', 'b', 'c', 'd', '__rate_interval']);
  });

  it('throws on a variable it has no value for', () => {
    expect(() => substituteTemplateVariables('m{x=~"$typo"}', {})).toThrow(/\$typo/);
  });
});

describe('labelValuesToPromql', () => {
  it('turns label_values() into a grouping query', () => {
    expect(labelValuesToPromql('label_values(m{env=~"$env"}, model)')).toBe('group by (model) (m{env=~"$env"})');
    expect(labelValuesToPromql('label_values(job)')).toBe('group by (job) ({job!=""})');
    expect(() => labelValuesToPromql('query_result(up)')).toThrow(/label_values/);
  });
});
