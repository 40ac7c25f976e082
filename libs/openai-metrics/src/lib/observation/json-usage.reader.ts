import { readAudioSeconds, readTokenUsage } from '../usage/token-usage';
import type { CallReport } from './call-report';
import type { Endpoint } from './endpoint';

/** What a JSON answer may carry about its usage. */
interface JsonAnswer {
  usage?: unknown;
  model?: unknown;
  service_tier?: unknown;
  data?: unknown;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The usage of a JSON answer, read the way its endpoint reports it; undefined when it reports none.
 * `data` is what the SDK parsed, so its fields are read directly.
 */
export function readJsonUsage(endpoint: Endpoint, data: unknown): CallReport | undefined {
  if (typeof data !== 'object' || data === null || endpoint === 'moderations' || endpoint === 'speech') return undefined;
  const answer = data as JsonAnswer;
  const usage = answer.usage;
  const responseModel = text(answer.model);
  switch (endpoint) {
    case 'images': {
      const tokens = readTokenUsage(usage);
      if (tokens) return { responseModel, tokens };
      const images = answer.data;
      return Array.isArray(images) && images.length > 0 ? { responseModel, units: { images: images.length } } : undefined;
    }
    case 'transcriptions':
    case 'translations': {
      const audioSeconds = readAudioSeconds(usage);
      if (audioSeconds !== undefined) return { responseModel, units: { audioSeconds } };
      const tokens = readTokenUsage(usage);
      return tokens ? { responseModel, tokens } : undefined;
    }
    default: {
      const tokens = readTokenUsage(usage);
      return tokens ? { responseModel, tokens, serviceTier: text(answer.service_tier) } : undefined;
    }
  }
}
