import { Injectable } from '@nestjs/common';
import { Instrumented, OpenAiClientService } from '@openai-monitoring/openai-metrics';
import { zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';

const Answer = z.object({ answer: z.string() });
export type Answer = z.infer<typeof Answer>;

@Injectable()
export class AskService {
  constructor(private readonly openai: OpenAiClientService) {}

  @Instrumented('consumer', 'ask')
  async ask(question: string): Promise<Answer | null> {
    const response = await this.openai.parse({
      model: 'gpt-4o-mini',
      input: question,
      text: { format: zodTextFormat(Answer, 'answer') },
    });
    return response.output_parsed;
  }
}
