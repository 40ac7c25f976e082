import { envList, type Fail } from '@openai-monitoring/env-config';

function deploymentEntry(entry: string, fail: Fail): [string, string] {
  const equals = entry.indexOf('=');
  const deployment = entry.slice(0, equals).trim();
  const model = entry.slice(equals + 1).trim();
  if (equals === -1 || deployment.length === 0 || model.length === 0) fail(`("${entry}") must be deployment=model`);
  return [deployment, model];
}

/** `OPENAI_DEPLOYMENTS`: `deployment=model,…` (Azure deployment name → model), each deployment once. */
export const deploymentsEnv = envList(deploymentEntry, { optional: true }).transform((entries, ctx) => {
  const deployments: Record<string, string> = {};
  for (const [deployment, model] of entries) {
    if (deployment in deployments) ctx.addIssue({ code: 'custom', message: `names deployment "${deployment}" twice` });
    deployments[deployment] = model;
  }
  return deployments;
});
