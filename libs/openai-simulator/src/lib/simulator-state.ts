import { SeededRandom } from './seeded-random';
import { ResolvedSimulatorOptions } from './simulator-options';

/** What `configure()` and `reset()` change at run time, shared by reference by the simulator's parts. */
export interface SimulatorState {
  options: ResolvedSimulatorOptions;
  random: SeededRandom;
}
