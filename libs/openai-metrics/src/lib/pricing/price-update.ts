import { REMOTE_DATA_JSON_URL, updatePrices, type Provider } from '@pydantic/genai-prices';

export const PRICE_UPDATE_URL = REMOTE_DATA_JSON_URL;
export const PRICE_UPDATE_INTERVAL_MS = 24 * 60 * 60 * 1000;
const TIMEOUT_MS = 30_000;
const MAX_BYTES = 32 * 1024 * 1024;

export interface FetchedPrices {
  readonly providers: Provider[];
  /** The data's `Last-Modified`, else when it was fetched. */
  readonly date: Date;
}

async function readLimited(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BYTES) {
      await reader.cancel();
      throw new Error(`price data is larger than ${MAX_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function checkProviders(data: unknown): Provider[] {
  const valid =
    Array.isArray(data) &&
    data.length > 0 &&
    data.every(
      (p) =>
        typeof p === 'object' && p !== null && typeof p.id === 'string' && typeof p.api_pattern === 'string' &&
        Array.isArray(p.models) &&
        p.models.every((m: unknown) => typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string'),
    );
  if (!valid) throw new Error('price data is not a list of providers with models');
  return data as Provider[];
}

/** One GET of genai-prices' published data file (no credentials, nothing about the calls is sent). */
export async function fetchPrices(url: string, signal: AbortSignal, now: () => number): Promise<FetchedPrices> {
  const response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]) });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const providers = checkProviders(JSON.parse(await readLimited(response)));
  const lastModified = Date.parse(response.headers.get('last-modified') ?? '');
  return { providers, date: new Date(Number.isNaN(lastModified) ? now() : lastModified) };
}

/** Makes `providers` the data every `calcPrice` of this process uses (genai-prices keeps one data set). */
export function installPrices(providers: Provider[]): void {
  updatePrices(({ setProviderData }) => setProviderData(providers));
}
