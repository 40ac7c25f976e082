/** What tools/demo/traffic.mjs prints when it is done: answers counted as { "<path> <status>": n }. */
export type TrafficTally = Record<string, number>;

/** The route each path of the traffic generator calls, as the capability/operation the ai app records. */
const OPERATIONS: Readonly<Record<string, string>> = {
  '/v1/summaries': 'summaries/summarize',
  '/v1/classifications': 'classification/classify',
  '/v1/chat': 'chat/stream',
};
/** The ai app's answer → the outcome it recorded: 200 a success, 502/503/504 a failed operation. */
export const RECORDED_OUTCOMES: Readonly<Record<string, string>> = {
  '200': 'success',
  '502': 'failure',
  '503': 'failure',
  '504': 'failure',
};

/** The tally from the traffic generator's last output line; throws when it did not finish. */
export function readTrafficTally(output: string): TrafficTally {
  const json = /traffic: (\{.*\})\s*$/.exec(output)?.[1];
  if (!json) throw new Error(`the traffic generator printed no tally:\n${output}`);
  return JSON.parse(json) as TrafficTally;
}

export const tallyTotal = (...tallies: TrafficTally[]): number =>
  tallies.flatMap((tally) => Object.values(tally)).reduce((sum, count) => sum + count, 0);

/** Answers the app records no operation for (429, 401, no answer …): none are expected in a healthy run. */
export const unrecordedAnswers = (tally: TrafficTally): string[] =>
  Object.keys(tally).filter((answer) => !(answer.split(' ')[1] in RECORDED_OUTCOMES));

/**
 * openai_api_requests_total per "capability/operation/status" that the tallies imply. Every decorated
 * operation exports both series at 0 from the app's start, so one that saw no failure still has a
 * failure series, at 0.
 */
export function expectedRequests(tallies: TrafficTally[]): Record<string, number> {
  const expected: Record<string, number> = {};
  const outcomes = new Set(Object.values(RECORDED_OUTCOMES));
  for (const operation of Object.values(OPERATIONS)) for (const outcome of outcomes) expected[`${operation}/${outcome}`] = 0;
  for (const [answer, count] of tallies.flatMap((tally) => Object.entries(tally))) {
    const [path, status] = answer.split(' ');
    const key = `${OPERATIONS[path]}/${RECORDED_OUTCOMES[status]}`;
    expected[key] = (expected[key] ?? 0) + count;
  }
  return expected;
}
