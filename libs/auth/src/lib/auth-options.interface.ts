export interface AuthOptions {
  /** Keys accepted as `Authorization: Bearer <key>` on every route not marked `@Public()`. */
  apiKeys: readonly string[];
  /** When set, `MetricsTokenGuard` requires `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string;
}
