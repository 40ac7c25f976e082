import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Server } from 'node:http';

const logger = new Logger('Shutdown');

/**
 * Stops accepting connections, lets in-flight requests finish (their metrics are recorded as they
 * end), then exits 0. Past `graceMs` whatever is still running is cut off and the exit code is 1.
 * Nest's own shutdown hooks re-raise the signal, which would end the process with 143 instead.
 */
export async function shutDownGracefully(app: NestExpressApplication, signal: string, graceMs: number): Promise<void> {
  logger.log(`${signal} received: draining in-flight requests (up to ${graceMs} ms)`);
  setTimeout(() => {
    logger.error(`Requests still running after ${graceMs} ms: exiting anyway`);
    process.exit(1);
  }, graceMs).unref();
  const server = app.getHttpServer() as Server;
  // Keep-alive connections that go idle while draining would otherwise hold the server open.
  const idleSweep = setInterval(() => server.closeIdleConnections(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(idleSweep);
  }
  process.exit(0);
}
