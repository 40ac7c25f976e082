import { Inject, Injectable } from '@nestjs/common';
import { Instrumented, OpenAiClientService, OpenAiResponseError } from '@openai-monitoring/openai-metrics';
import { zodTextFormat } from 'openai/helpers/zod';
import { AI_CONFIG } from '../config/ai-config.constants';
import type { AiConfig } from '../config/ai-config';
import { type Classification, classificationSchema } from './classification.schema';

const INSTRUCTIONS = 'Classify the user text with exactly one of the allowed labels and say how confident you are (0 to 1).';

@Injectable()
export class ClassificationsService {
  constructor(
    private readonly openai: OpenAiClientService,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
  ) {}

  @Instrumented('classification', 'classify')
  async classify(text: string, labels: readonly [string, ...string[]]): Promise<Classification> {
    const response = await this.openai.parse({
      model: this.config.openai.model,
      instructions: INSTRUCTIONS,
      input: text,
      text: { format: zodTextFormat(classificationSchema(labels), 'classification') },
    });
    if (!response.output_parsed) throw new OpenAiResponseError('OpenAI returned no structured classification');
    return response.output_parsed;
  }
}
