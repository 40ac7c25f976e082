import { fetchFromNamespace } from './compose-stack';
import type { ComposeNetwork } from './netns-network';

export interface NamespaceQueryAnswer {
  expr: string;
  /** At least one finite sample (or a finite scalar). */
  hasData: boolean;
  /** Status and body start, or the connection error, for messages. */
  detail: string;
}

/** Instant queries sent from inside `service`'s namespace to a Prometheus-compatible API at `baseUrl`. */
export function queryFromNamespace(
  network: ComposeNetwork,
  service: string,
  baseUrl: string,
  exprs: string[],
): NamespaceQueryAnswer[] {
  const answers = fetchFromNamespace(
    network,
    service,
    exprs.map((query) => ({ url: `${baseUrl}/api/v1/query`, form: { query } })),
  );
  return answers.map((answer, i) => {
    if ('error' in answer) return { expr: exprs[i], hasData: false, detail: answer.error };
    const detail = `${answer.status} ${answer.body.slice(0, 300)}`;
    let body: { status?: string; data?: { resultType: string; result: unknown } };
    try {
      body = JSON.parse(answer.body);
    } catch {
      return { expr: exprs[i], hasData: false, detail };
    }
    const result = body.data?.result;
    const values =
      body.data?.resultType === 'scalar'
        ? [(result as unknown[])[1]]
        : ((result as { value: unknown[] }[] | undefined) ?? []).map((sample) => sample.value[1]);
    const hasData = answer.status === 200 && body.status === 'success' && values.some((v) => Number.isFinite(Number(v)));
    return { expr: exprs[i], hasData, detail };
  });
}
