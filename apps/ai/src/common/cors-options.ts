import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';

/**
 * Requests without an Origin (Prometheus, curl, servers) are served as usual; browser origins get a
 * CORS grant only when listed. An unlisted origin is not refused, it simply gets no CORS headers.
 */
export function corsOptions(allowedOrigins: readonly string[]): CorsOptions {
  const allowed = new Set(allowedOrigins);
  return {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  };
}
