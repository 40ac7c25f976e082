import { IncomingMessage } from 'node:http';
import { ApiRequestInfo } from './api-request';
import { SimulatorStats } from './control-api';
import { RecordedRequest, RequestLog } from './recorded-request';

const RECORDED_REQUESTS_KEPT = 10_000;

/** Counts /v1 attempts by path and keeps the last 10,000, without their bodies or Authorization values. */
export class RequestRecorder {
  private readonly log = new RequestLog(RECORDED_REQUESTS_KEPT);
  private total = 0;
  private readonly byPath = new Map<string, number>();

  get requests(): readonly RecordedRequest[] {
    return this.log.toArray();
  }

  get count(): number {
    return this.total;
  }

  record(req: IncomingMessage, path: string, info: ApiRequestInfo, at: number): void {
    this.total++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
    const retryCount = req.headers['x-stainless-retry-count'];
    this.log.add({
      path,
      model: info.model,
      stream: info.stream,
      retryCount: Array.isArray(retryCount) ? retryCount[0] : retryCount,
      authorization: req.headers.authorization !== undefined,
      at,
    });
  }

  stats(): SimulatorStats {
    return { requestCount: this.total, byPath: Object.fromEntries(this.byPath) };
  }

  clear(): void {
    this.log.clear();
    this.total = 0;
    this.byPath.clear();
  }
}
