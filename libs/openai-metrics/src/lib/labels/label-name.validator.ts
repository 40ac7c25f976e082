const LABEL_VALUE_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Capability and operation names are fixed in code, so a bad one fails at startup, not at scrape time. */
export function assertValidLabelValue(kind: 'capability' | 'operation', value: unknown): asserts value is string {
  if (typeof value !== 'string' || !LABEL_VALUE_PATTERN.test(value)) {
    throw new Error(
      `@Instrumented: ${kind} ${JSON.stringify(value)} must match ${LABEL_VALUE_PATTERN} (lower case, digits, underscores)`,
    );
  }
}
