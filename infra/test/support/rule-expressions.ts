import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';

export interface RuleExpression {
  file: string;
  group: string;
  kind: 'record' | 'alert';
  /** The recorded metric name or the alert name. */
  name: string;
  expr: string;
}

interface RuleFileYaml {
  groups?: { name: string; rules?: { record?: string; alert?: string; expr: string | number }[] }[];
}

/** Every recording and alerting rule of the given Prometheus rule files, in file order. */
export function extractRuleExpressions(yamlPaths: string[]): RuleExpression[] {
  return yamlPaths.flatMap((path) => {
    const content = parse(readFileSync(path, 'utf8')) as RuleFileYaml | null;
    return (content?.groups ?? []).flatMap((group) =>
      (group.rules ?? []).map((rule) => ({
        file: basename(path),
        group: group.name,
        kind: rule.record ? ('record' as const) : ('alert' as const),
        name: (rule.record ?? rule.alert) as string,
        expr: String(rule.expr).trim(),
      })),
    );
  });
}
