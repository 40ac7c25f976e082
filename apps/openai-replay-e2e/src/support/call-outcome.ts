export type CallOutcome = { value: unknown } | { error: ErrorShape };

export interface ErrorShape {
  class: string;
  message: string;
  status?: unknown;
  code?: unknown;
  type?: unknown;
  param?: unknown;
}

function shapeOf(error: unknown): ErrorShape {
  if (!(error instanceof Error)) return { class: typeof error, message: String(error) };
  const { status, code, type, param } = error as Error & Record<string, unknown>;
  return { class: error.constructor.name, message: error.message, status, code, type, param };
}

/** The value a call resolved to, or what it threw, in a form `toEqual` compares. */
export async function outcomeOf(call: () => Promise<unknown>): Promise<CallOutcome> {
  try {
    return { value: await call() };
  } catch (error) {
    return { error: shapeOf(error) };
  }
}
