export const AUTH_OPTIONS = Symbol('AUTH_OPTIONS');

/** The name of a key configured without one. */
export const DEFAULT_API_KEY_NAME = 'default';
