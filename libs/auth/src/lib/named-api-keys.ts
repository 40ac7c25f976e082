import { DEFAULT_API_KEY_NAME } from './auth.constants';
import type { AuthOptions, NamedApiKey } from './auth-options.interface';

/** Every configured key with its name; bare keys are named `DEFAULT_API_KEY_NAME`. */
export function namedApiKeys(apiKeys: AuthOptions['apiKeys']): NamedApiKey[] {
  return apiKeys.map((entry) => (typeof entry === 'string' ? { name: DEFAULT_API_KEY_NAME, key: entry } : entry));
}
