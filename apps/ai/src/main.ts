import { Logger } from '@nestjs/common';
import { runClustered } from '@openai-monitoring/openai-metrics';
import { createApp } from './app/create-app';
import { type AiConfig, loadAiConfig } from './config/ai-config';
import { ConfigError } from './config/config.error';
import { closeConnectionsWhenDraining } from './app/close-connections-when-draining';
import { shutDownGracefully } from './app/graceful-shutdown';

async function serve(config: AiConfig): Promise<void> {
  const app = await createApp(config);
  const startDraining = closeConnectionsWhenDraining(app.getHttpServer());
  await app.listen(config.port, config.host);
  // Once: in a cluster, Ctrl-C reaches every worker and then the primary passes on a SIGTERM as well.
  let shuttingDown = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (shuttingDown) return;
      shuttingDown = true;
      void shutDownGracefully(app, signal, config.shutdownGraceMs, startDraining);
    });
  }
  Logger.log(`ai service listening on http://${config.host}:${config.port} (metrics at /metrics)`, 'Bootstrap');
}

async function bootstrap(): Promise<void> {
  // Read in the primary too, so that a bad value stops it before any worker starts.
  const config = loadAiConfig();
  await runClustered({ workers: config.workers, worker: () => serve(config) });
}

bootstrap().catch((error: unknown) => {
  const message = error instanceof ConfigError ? `Configuration error: ${error.message}` : `Startup failed: ${(error as Error)?.message ?? String(error)}`;
  console.error(message);
  process.exit(1);
});
