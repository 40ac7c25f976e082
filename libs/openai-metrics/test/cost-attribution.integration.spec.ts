import { Injectable, Logger } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { OpenAiSimulator } from '@openai-monitoring/openai-simulator';
import { OpenAiClientService } from '../src/lib/client/openai-client.service';
import { Instrumented } from '../src/lib/instrumented/instrumented.decorator';
import { PriceBook } from '../src/lib/pricing/price-book';
import { normalizeTokenUsage } from '../src/lib/usage/token-usage';
import { metricValue, seriesOf } from './support/metric-values';
import { closeAndClear, metricsTestingModule, simulatorTestingModule } from './support/metrics-testing-module';

let currentTenant: string | undefined;

@Injectable()
class BilledService {
  constructor(private readonly openai: OpenAiClientService) {}

  @Instrumented('billing', 'ask')
  async ask(model = 'gpt-4o-mini') {
    return this.openai.createResponse({ model, input: 'What does this cost?' });
  }
}

describe('cost you can bill by', () => {
  let simulator: OpenAiSimulator;
  let moduleRef: TestingModule | undefined;

  beforeAll(async () => {
    simulator = await OpenAiSimulator.start();
  });
  afterAll(() => simulator.stop());
  afterEach(async () => {
    await closeAndClear(moduleRef);
    moduleRef = undefined;
    currentTenant = undefined;
  });

  async function start(options: Parameters<typeof metricsTestingModule>[0] = {}) {
    moduleRef = await simulatorTestingModule(simulator, { tenant: { resolve: () => currentTenant }, ...options }, [BilledService]);
    return moduleRef.get(BilledService);
  }

  it("prices calls from the price database and attributes them to the tenant resolved at the operation's start", async () => {
    const service = await start();
    currentTenant = 'acme';
    const first = await service.ask();
    currentTenant = 'globex';
    await service.ask();
    const expected = new PriceBook({ provider: 'openai' }).tokenCost('gpt-4o-mini', {
      ...normalizeTokenUsage({ input: first.usage!.input_tokens, output: first.usage!.output_tokens }),
      cachedInput: first.usage!.input_tokens_details.cached_tokens,
    });
    expect(expected).toBeGreaterThan(0);
    expect(await metricValue('openai_api_tenant_cost_usd_total', { tenant: 'acme', model: 'gpt-4o-mini' })).toBeCloseTo(expected!, 12);
    expect(await metricValue('openai_api_tenant_requests_total', { tenant: 'acme', status: 'success' })).toBe(1);
    expect(await metricValue('openai_api_tenant_requests_total', { tenant: 'globex', status: 'success' })).toBe(1);
    expect(await metricValue('openai_api_tenant_tokens_total', { tenant: 'acme', type: 'input' })).toBe(first.usage!.input_tokens);
    expect(await metricValue('openai_api_cost_usd_total')).toBeCloseTo(
      await metricValue('openai_api_tenant_cost_usd_total'),
      12,
    );
  });

  it('keeps the tenant label bounded whatever the resolver returns', async () => {
    const service = await start({ tenant: { resolve: () => currentTenant, max: 3 } });
    for (const tenant of ['a', 'b', 'c', 'd', 'e', 'not valid!', undefined]) {
      currentTenant = tenant;
      await service.ask();
    }
    const tenants = new Set((await seriesOf('openai_api_tenant_requests_total')).map((labels) => labels['tenant']));
    expect([...tenants].sort()).toEqual(['a', 'b', 'c', 'invalid', 'other', 'unknown']);
  });

  it('counts unpriced calls, warns once, and records no cost for them', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const service = await start({ models: ['house-model'] });
      await service.ask('house-model');
      await service.ask('house-model');
      expect(await metricValue('openai_api_unpriced_calls_total', { model: 'house-model' })).toBe(2);
      expect(await metricValue('openai_api_cost_usd_total', { model: 'house-model' })).toBe(0);
      expect(await metricValue('openai_api_tokens_total', { model: 'house-model', type: 'input' })).toBeGreaterThan(0);
      expect(warn.mock.calls.filter(([message]) => String(message).includes('house-model'))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('a server the price database does not know is unpriced unless the provider is named', async () => {
    const service = await start({ priceProvider: undefined, models: ['gpt-4o-mini'] });
    await service.ask();
    expect(await metricValue('openai_api_unpriced_calls_total', { model: 'gpt-4o-mini' })).toBe(1);
  });

  it('exports budgets and the price data in use', async () => {
    await start({
      budgets: [
        { name: 'daily', usd: 50, window: '24h' },
        { name: 'acme-monthly', usd: 500, window: '30d', tenant: 'acme' },
      ],
    });
    expect(await metricValue('openai_api_budget_usd', { budget: 'daily', window: '24h', tenant: '' })).toBe(50);
    expect(await metricValue('openai_api_budget_usd', { budget: 'acme-monthly', window: '30d', tenant: 'acme' })).toBe(500);
    const updated = await metricValue('openai_api_prices_updated_timestamp_seconds');
    expect(updated).toBeGreaterThan(Date.parse('2025-01-01') / 1000);
    expect(await metricValue('openai_api_prices_info', { source: 'genai-prices' })).toBe(1);
  });

  it('rejects budgets the alert rules cannot evaluate', async () => {
    await expect(start({ budgets: [{ name: 'weekly', usd: 5, window: '2w' as never }] })).rejects.toThrow(/budgets\[0\]\.window/);
    await expect(start({ budgets: [{ name: 'bad name', usd: 5, window: '24h' }] })).rejects.toThrow(/budgets\[0\]\.name/);
    await expect(start({ budgets: [{ name: 'zero', usd: 0, window: '24h' }] })).rejects.toThrow(/budgets\[0\]\.usd/);
  });
});
