/**
 * The `@pydantic/genai-prices` release whose bundled data is the default price source, and the day
 * it was published (its data has no date of its own; `npm view @pydantic/genai-prices time`).
 * A spec fails when the installed version differs, so an upgrade updates both.
 */
export const GENAI_PRICES_VERSION = '0.1.8';
export const GENAI_PRICES_DATA_DATE = '2026-09-23';
export const GENAI_PRICES_SOURCE = 'genai-prices';
