import { openAiErrorBody } from './openai-error';
import { parseSimulatedFault, SimulatedFault } from './simulated-fault';
import { SimulatorOptions } from './simulator-options';

export interface SimulatorStats {
  requestCount: number;
  byPath: Record<string, number>;
}

export interface SimulatorControl {
  enqueueFaults(faults: SimulatedFault[]): number;
  configure(options: Partial<SimulatorOptions>): void;
  reset(): void;
  stats(): SimulatorStats;
}

export interface ControlAnswer {
  status: number;
  body: unknown;
}

const badRequest = (message: string): ControlAnswer => ({ status: 400, body: openAiErrorBody(400, { message }) });

/**
 * The out-of-process control API:
 * POST /__sim/faults {"faults":[...]}, POST /__sim/config {...options}, POST /__sim/reset, GET /__sim/stats.
 */
export function handleControlRequest(
  control: SimulatorControl,
  method: string,
  path: string,
  raw: string,
): ControlAnswer {
  const route = `${method} ${path}`;
  if (route === 'GET /__sim/stats') return { status: 200, body: control.stats() };
  if (route === 'POST /__sim/reset') {
    control.reset();
    return { status: 200, body: { ok: true } };
  }
  if (route !== 'POST /__sim/faults' && route !== 'POST /__sim/config') {
    return { status: 404, body: openAiErrorBody(404, { message: `Unknown control route ${route}` }) };
  }

  let body: unknown;
  try {
    body = raw.length === 0 ? {} : JSON.parse(raw);
  } catch {
    return badRequest('Body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return badRequest('Body must be a JSON object.');
  }
  const record = body as Record<string, unknown>;

  try {
    if (route === 'POST /__sim/faults') {
      if (!Array.isArray(record['faults'])) return badRequest('Body must be {"faults": [...]}.');
      return { status: 200, body: { queued: control.enqueueFaults(record['faults'].map(parseSimulatedFault)) } };
    }
    if ('host' in record || 'port' in record) return badRequest('host and port cannot be changed at run time.');
    control.configure(record as Partial<SimulatorOptions>);
    return { status: 200, body: { ok: true } };
  } catch (error) {
    return badRequest(error instanceof Error ? error.message : String(error));
  }
}
