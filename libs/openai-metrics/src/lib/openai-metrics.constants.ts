/** The route Prometheus scrapes unless `metricsPath` says otherwise. */
export const METRICS_ROUTE = '/metrics';

/** Injection token of the runtime options (`forRoot` values or the `forRootAsync` factory's result). */
export const OPENAI_METRICS_OPTIONS = Symbol('OPENAI_METRICS_OPTIONS');

/** Injection token of the options fixed when the module is declared (routes, metric shapes). */
export const OPENAI_METRICS_STATIC_OPTIONS = Symbol('OPENAI_METRICS_STATIC_OPTIONS');
