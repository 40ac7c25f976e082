import { Inject, Injectable } from '@nestjs/common';
import { Instrumented, OpenAiClientService } from '@openai-monitoring/openai-metrics';
import type { Stream } from 'openai/core/streaming';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { AI_CONFIG } from '../config/ai-config.constants';
import type { AiConfig } from '../config/ai-config';
import type { ChatRequest } from './chat-request.schema';

@Injectable()
export class ChatService {
  constructor(
    private readonly openai: OpenAiClientService,
    @Inject(AI_CONFIG) private readonly config: AiConfig,
  ) {}

  /** The operation lasts until the returned stream ends; its caller iterates it. */
  @Instrumented('chat', 'stream')
  async stream(messages: ChatRequest['messages']): Promise<Stream<ChatCompletionChunk>> {
    return this.openai.createChatCompletion({ model: this.config.openai.model, messages, stream: true });
  }
}
