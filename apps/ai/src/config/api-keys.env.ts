import { DEFAULT_API_KEY_NAME, type NamedApiKey } from '@openai-monitoring/auth';
import { envList, type Fail } from '@openai-monitoring/env-config';
import { LABEL_VALUE } from './label-value';

/**
 * One `AI_API_KEYS` entry: `name:key`, or a bare key named `default`. Problems name the entry by its
 * position only: an entry is a secret, and so is anything before its first colon if it was meant as a bare key.
 */
function apiKeyEntry(entry: string, fail: Fail): NamedApiKey {
  const colon = entry.indexOf(':');
  if (colon === -1) return { name: DEFAULT_API_KEY_NAME, key: entry };
  const name = entry.slice(0, colon);
  const key = entry.slice(colon + 1);
  if (!LABEL_VALUE.test(name)) fail(`has an invalid name: write name:key with a name matching ${LABEL_VALUE.source}`);
  if (key.length === 0) fail('has a name but no key (name:key)');
  return { name, key };
}

/** `AI_API_KEYS`: comma-separated `name:key` entries or bare keys, each key once. */
export const apiKeysEnv = envList(apiKeyEntry).superRefine((keys, ctx) => {
  const first = new Map<string, number>();
  keys.forEach(({ key }, i) => {
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else ctx.addIssue({ code: 'custom', message: `entries ${earlier + 1} and ${i + 1} hold the same key` });
  });
});
