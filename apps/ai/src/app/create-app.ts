import { type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AiConfig } from '../config/ai-config';
import { bodyParserErrorsHandler } from '../common/body-parser-errors.handler';
import { corsOptions } from '../common/cors-options';
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
  app.disable('x-powered-by');
  return app;
}
