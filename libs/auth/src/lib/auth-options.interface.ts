/** An API key and the name it authenticates as (the caller's tenant). */
export interface NamedApiKey {
  /** Safe to log and to use as a label value; never the key. */
  name: string;
  key: string;
}

export interface AuthOptions {
  /**
   * Keys accepted as `Authorization: Bearer <key>` on every route not marked `@Public()`. A bare
   * string authenticates as `DEFAULT_API_KEY_NAME`.
   */
  apiKeys: readonly (string | NamedApiKey)[];
  /** When set, `MetricsTokenGuard` requires `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
}
