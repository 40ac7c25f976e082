import { readAudioSeconds, readField, readTokenUsage } from '../usage/token-usage';
import type { CallReport } from './call-report';
import type { Endpoint } from './endpoint';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The usage of a JSON answer, read the way its endpoint reports it; undefined when it reports none. */
export function readJsonUsage(endpoint: Endpoint, data: unknown): CallReport | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const usage = readField(data, 'usage');
  const responseModel = text(readField(data, 'model'));
  switch (endpoint) {
    case 'moderations':
    case 'speech':
      return undefined;
    case 'images': {
      const tokens = readTokenUsage(usage);
      if (tokens) return { responseModel, tokens };
      const images = readField(data, 'data');
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
      return tokens ? { responseModel, tokens, serviceTier: text(readField(data, 'service_tier')) } : undefined;
    }
  }
}
