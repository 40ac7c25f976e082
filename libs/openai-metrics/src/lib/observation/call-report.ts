import type { TokenUsage, UnitUsage } from '../usage/token-usage';

/** What one SDK call's answer says about its cost. */
export interface CallReport {
  /** The model the response names, for requests that named none (a stored prompt). */
  responseModel?: string;
  tokens?: TokenUsage;
  units?: UnitUsage;
  /** `service_tier` of the Responses and Chat Completions APIs. */
  serviceTier?: string;
}
