import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { recordedOutcomes } from './recorded-outcomes';

const logger = new Logger('Shutdown');

/**
 * Stops accepting connections, lets in-flight requests finish (their metrics are recorded as they
 * end), then exits 0. Past `graceMs` whatever is still running is cut off and the exit code is 1.
 * Nest's own shutdown hooks re-raise the signal, which would end the process with 143 instead.
 * The last line logs the outcomes recorded since start (counts only): increments made after the last
 * scrape never reach Prometheus, so this line is their only trace.
 */
export async function shutDownGracefully(
  app: NestExpressApplication,
  signal: string,
  graceMs: number,
  startDraining: () => void,
): Promise<void> {
  logger.log(`${signal} received: draining in-flight requests (up to ${graceMs} ms)`);
  startDraining();
  setTimeout(() => {
    logger.error(`Requests still running after ${graceMs} ms: exiting anyway`);
    process.exit(1);
  }, graceMs).unref();
  // server.close() drops idle keep-alive connections; busy ones end after their answer, which
  // startDraining() marked `Connection: close`.
  await app.close();
  const { success, failure } = await recordedOutcomes();
  logger.log(`Drained: ${success} successful and ${failure} failed OpenAI operations recorded since start`);
  process.exit(0);
}
