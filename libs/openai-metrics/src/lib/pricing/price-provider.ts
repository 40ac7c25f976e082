import { findProvider, type Provider } from '@pydantic/genai-prices';

export const OPENAI_PROVIDER = 'openai';

function isOpenAiUrl(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}

/**
 * The database provider whose prices apply: `provider` (an id) when given, else the one whose API URL
 * matches `baseURL` (Groq, Together, OpenRouter, Azure, …); no baseURL or api.openai.com is OpenAI.
 * Undefined for a server the database does not know (a local vLLM or Ollama): only overrides price it.
 */
export function pricingProvider(options: { provider?: string; baseURL?: string }): Provider | undefined {
  if (options.provider !== undefined) {
    const provider = findProvider({ providerId: options.provider });
    if (!provider) throw new Error(`pricing provider ${JSON.stringify(options.provider)} is not a provider id of the price database (e.g. "openai", "azure", "groq")`);
    return provider;
  }
  if (options.baseURL === undefined || isOpenAiUrl(options.baseURL)) return findProvider({ providerId: OPENAI_PROVIDER });
  return findProvider({ providerApiUrl: options.baseURL });
}

/** Whether OpenAI's own list prices (the defaults file) apply: OpenAI, or a provider serving its models. */
export function servesOpenAiModels(provider: Provider | undefined): boolean {
  return provider !== undefined && (provider.id === OPENAI_PROVIDER || (provider.fallback_model_providers ?? []).includes(OPENAI_PROVIDER));
}
