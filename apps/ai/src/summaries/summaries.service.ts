import { Inject, Injectable } from '@nestjs/common';
import { Instrumented, OpenAiClientService, OpenAiResponseError } from '@openai-monitoring/openai-metrics';
import { zodTextFormat } from 'openai/helpers/zod';
import { AI_CONFIG } from '../config/ai-config.constants';
import type { AiConfig } from '../config/ai-config';
import { type Summary, SummarySchema } from './summary.schema';

const INSTRUCTIONS = 'Summarize the user text in two or three sentences and list its key points.';

@Injectable()
export class SummariesService {
  constructor(
    private readonly openai: OpenAiClientService,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
  ) {}

  @Instrumented('summaries', 'summarize')
  async summarize(text: string): Promise<Summary> {
    const response = await this.openai.parse({
      model: this.config.openai.model,
      instructions: INSTRUCTIONS,
      input: text,
      text: { format: zodTextFormat(SummarySchema, 'summary') },
    });
    if (!response.output_parsed) throw new OpenAiResponseError('OpenAI returned no structured summary');
    return response.output_parsed;
  }
}
