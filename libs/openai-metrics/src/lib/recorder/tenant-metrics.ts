import type { OpenAiMetricSet } from '../metrics/openai-metric-set';
import type { BufferedSeries } from '../metrics/series-buffer';
import type { TokenUsage } from '../usage/token-usage';

interface TenantModelSeries {
  input: BufferedSeries;
  output: BufferedSeries;
  cost: BufferedSeries;
}

/** The tenant metrics of one (bounded) tenant label. */
export class TenantMetrics {
  private readonly success: BufferedSeries;
  private readonly failure: BufferedSeries;
  private readonly models = new Map<string, TenantModelSeries>();

  constructor(
    readonly tenant: string,
    private readonly set: OpenAiMetricSet,
  ) {
    this.success = set.buffers.tenantRequests.series({ tenant, status: 'success' });
    this.failure = set.buffers.tenantRequests.series({ tenant, status: 'failure' });
  }

  outcome(success: boolean): void {
    this.set.buffers.tenantRequests.add(success ? this.success : this.failure, 1);
  }

  usage(model: string, tokens: TokenUsage | undefined, cost: number | undefined): void {
    const series = this.modelSeries(model);
    const { tenantTokens, tenantCost } = this.set.buffers;
    if (tokens) {
      tenantTokens.add(series.input, tokens.input);
      tenantTokens.add(series.output, tokens.output);
    }
    if (cost !== undefined) tenantCost.add(series.cost, cost);
  }

  private modelSeries(model: string): TenantModelSeries {
    let series = this.models.get(model);
    if (!series) {
      const { tenant } = this;
      const { tenantTokens, tenantCost } = this.set.buffers;
      series = {
        input: tenantTokens.series({ tenant, type: 'input', model }),
        output: tenantTokens.series({ tenant, type: 'output', model }),
        cost: tenantCost.series({ tenant, model }),
      };
      this.models.set(model, series);
    }
    return series;
  }
}
