const KEY_NAME = Symbol('auth:apiKeyName');

type AuthenticatedRequest = { [KEY_NAME]?: string };

/** Written by `ApiKeyGuard` once a key matched: the key's name, never the key. */
export function setAuthenticatedKeyName(request: object, name: string): void {
  (request as AuthenticatedRequest)[KEY_NAME] = name;
}

/** The name of the API key that authenticated `request`; undefined on public routes and before the guard ran. */
export function authenticatedKeyName(request: object | undefined): string | undefined {
  return (request as AuthenticatedRequest | undefined)?.[KEY_NAME];
}
