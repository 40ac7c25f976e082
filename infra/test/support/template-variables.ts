/** Stand-ins for Grafana's built-in interval variables when a query is sent to Prometheus directly. */
export const BUILTIN_VARIABLE_VALUES: Readonly<Record<string, string>> = {
  __rate_interval: '1m',
  __interval: '15s',
  __interval_ms: '15000',
  __range: '5m',
  __range_s: '300',
  __range_ms: '300000',
};

// $name, ${name}, ${name:format} and the deprecated [[name]] / [[name:format]].
const VARIABLE_REFERENCE = /\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g;

/** Names of the template variables `text` refers to, built-ins included. */
export function referencedVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE_REFERENCE)].map((match) => match[1] ?? match[2] ?? match[3]))];
}

/**
 * Replaces template variables like Grafana does for a regex matcher with a single value.
 * Throws on a variable missing from `values` and BUILTIN_VARIABLE_VALUES, so typos surface.
 */
export function substituteTemplateVariables(text: string, values: Readonly<Record<string, string>>): string {
  const all = { ...BUILTIN_VARIABLE_VALUES, ...values };
  return text.replace(VARIABLE_REFERENCE, (reference, braced?: string, bracketed?: string, bare?: string) => {
    const name = (braced ?? bracketed ?? bare) as string;
    const value = all[name];
    if (value === undefined) throw new Error(`no value for template variable ${reference} in: ${text}`);
    return value;
  });
}
