import { Body, Controller, Logger, Post, Res } from '@nestjs/common';
import { classifyOpenAiError } from '@openai-monitoring/openai-metrics';
import type { Response } from 'express';
import { ZodBodyPipe } from '../common/zod-body.pipe';
import { type ChatRequest, ChatRequestSchema } from './chat-request.schema';
import { ChatService } from './chat.service';

/** Server-sent events: `data: {"delta": "..."}` per content delta, then `data: [DONE]`. */
@Controller('v1/chat')
export class ChatController {
  private readonly logger = new Logger(ChatController.name);

  constructor(private readonly chat: ChatService) {}

  @Post()
  async create(
    @Body(new ZodBodyPipe(ChatRequestSchema)) body: ChatRequest,
    @Res() response: Response,
  ): Promise<void> {
    // Failures before the first chunk propagate to the exception filter, which still can set a status.
    const stream = await this.chat.stream(body.messages);
    // 'close' before the end means the client went away: stop reading from OpenAI.
    const stop = () => {
      if (!response.writableEnded) stream.controller.abort();
    };
    response.on('close', stop);
    // No `Connection` header of our own: HTTP/1.1 keeps the connection alive anyway, and while the app
    // drains, the `Connection: close` it set must survive (see close-connections-when-draining.ts).
    response.status(200).set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    response.flushHeaders();
    try {
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) response.write(`data: ${JSON.stringify({ delta })}\n\n`);
      }
      response.write('data: [DONE]\n\n');
    } catch (error) {
      const errorType = classifyOpenAiError(error);
      if (errorType !== 'aborted') this.logger.warn(`Chat stream broke midway (${errorType})`);
      if (!response.writableEnded) response.write(`data: ${JSON.stringify({ error: errorType })}\n\n`);
    } finally {
      response.end();
    }
  }
}
