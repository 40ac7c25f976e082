import { type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AiConfig } from '../config/ai-config';
import { bodyParserErrorsHandler } from '../common/body-parser-errors.handler';
import { corsOptions } from '../common/cors-options';
import { requestContextMiddleware } from '../tenancy/request-context';
import { callerTraceContextMiddleware } from '../tracing/trace-context.middleware';
import { AppModule } from './app.module';

export const BODY_LIMIT = '64kb';

/** Builds the configured app without listening, so tests can drive it in process. */
export async function createApp(config: AiConfig, logger: LogLevel[] | false = ['log', 'warn', 'error']): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    bodyParser: false,
    logger,
  });
  app.enableCors(corsOptions(config.corsOrigins));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(bodyParserErrorsHandler);
  app.use(requestContextMiddleware);
  if (config.exemplars) app.use(callerTraceContextMiddleware());
  app.disable('x-powered-by');
  return app;
}
