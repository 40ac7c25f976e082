const SNAPSHOTS: Record<string, string> = {
  'gpt-3.5-turbo': 'gpt-3.5-turbo-0125',
  'gpt-4-turbo': 'gpt-4-turbo-2024-04-09',
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
  'gpt-4.1': 'gpt-4.1-2025-04-14',
  'gpt-4.1-mini': 'gpt-4.1-mini-2025-04-14',
  'gpt-4.1-nano': 'gpt-4.1-nano-2025-04-14',
  o1: 'o1-2024-12-17',
  'o3-mini': 'o3-mini-2025-01-31',
  o3: 'o3-2025-04-16',
  'o4-mini': 'o4-mini-2025-04-16',
  'gpt-5': 'gpt-5-2025-08-07',
  'gpt-5-mini': 'gpt-5-mini-2025-08-07',
  'gpt-5-nano': 'gpt-5-nano-2025-08-07',
};

const DATED = /-\d{4}-\d{2}-\d{2}$/;

/**
 * The model name the simulator reports, like the real API reports a dated snapshot:
 * known aliases map to their snapshot (`gpt-4o-mini` -> `gpt-4o-mini-2024-07-18`),
 * names already ending in a date are kept, anything else gets `-2025-01-01`.
 */
export function snapshotModelName(model: string): string {
  return SNAPSHOTS[model] ?? (DATED.test(model) ? model : `${model}-2025-01-01`);
}

/** o-series (`o1`, `o3-mini`, `o4-mini`, ...) and `gpt-5*` report reasoning tokens. */
export function isReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || model.startsWith('gpt-5');
}
