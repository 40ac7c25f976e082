import { SimulatedFault } from './simulated-fault';
import { SimulatorState } from './simulator-state';

const PERMANENT_FAULT: SimulatedFault = { kind: 'status', status: 400 };
const TRANSIENT_FAULTS: readonly SimulatedFault[] = [
  { kind: 'status', status: 500 },
  { kind: 'status', status: 502 },
  { kind: 'status', status: 503 },
  { kind: 'status', status: 429, headers: { 'retry-after-ms': '1' } },
];

/** Decides what goes wrong with, and how long before, each /v1 answer: queued faults first, then random ones. */
export class FaultInjector {
  private readonly queued: SimulatedFault[] = [];

  constructor(private readonly state: SimulatorState) {}

  /** FIFO; returns how many are queued. */
  enqueue(faults: readonly SimulatedFault[]): number {
    this.queued.push(...faults);
    return this.queued.length;
  }

  clear(): void {
    this.queued.length = 0;
  }

  /** The fault of the next /v1 request, or undefined for a normal answer. */
  next(): SimulatedFault | undefined {
    return this.queued.shift() ?? this.randomFault();
  }

  /** The latency of the next /v1 answer (drawn after its fault, so seeded runs repeat). */
  latencyMs(): number {
    const { latencyMs, latencyJitterMs } = this.state.options;
    return latencyJitterMs > 0 ? latencyMs + this.state.random.next() * latencyJitterMs : latencyMs;
  }

  private randomFault(): SimulatedFault | undefined {
    const { permanentFaultRate, transientFaultRate } = this.state.options;
    if (permanentFaultRate === 0 && transientFaultRate === 0) return undefined;
    const draw = this.state.random.next();
    if (draw < permanentFaultRate) return PERMANENT_FAULT;
    if (draw < permanentFaultRate + transientFaultRate) return this.state.random.pick(TRANSIENT_FAULTS);
    return undefined;
  }
}
