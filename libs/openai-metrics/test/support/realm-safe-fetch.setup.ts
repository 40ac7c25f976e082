/**
 * Jest runs specs in a separate realm: the AbortError that Node's fetch throws on a timeout is not
 * `instanceof Error` there, so the openai SDK reports it as a plain connection error. Outside Jest
 * (the built app, the e2e suites) this never happens; here the error is re-created in this realm.
 */
const hostFetch = globalThis.fetch;

globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
  try {
    return await hostFetch(...args);
  } catch (error) {
    if (!(error instanceof Error) && (error as { name?: string })?.name === 'AbortError') {
      throw Object.assign(new Error((error as Error).message), { name: 'AbortError' });
    }
    throw error;
  }
};
