import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadAiConfig } from './config/ai-config';
import { ConfigError } from './config/config.error';
import { closeConnectionsWhenDraining } from './app/close-connections-when-draining';
import { shutDownGracefully } from './app/graceful-shutdown';

async function bootstrap(): Promise<void> {
  const config = loadAiConfig();
  const app = await createApp(config);
  const startDraining = closeConnectionsWhenDraining(app.getHttpServer());
  await app.listen(config.port, config.host);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void shutDownGracefully(app, signal, config.shutdownGraceMs, startDraining));
  }
  Logger.log(`ai service listening on http://${config.host}:${config.port} (metrics at /metrics)`, 'Bootstrap');
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `Configuration error: ${error.message}` : `Startup failed: ${(error as Error)?.message ?? String(error)}`;
  console.error(message);
  process.exit(1);
});
