import { Body } from './api-request';
import { GeneratedAnswer } from './generated-answer';
import { sseData, splitIntoDeltas } from './sse';
import { TokenUsage } from './token-usage';

const SYSTEM_FINGERPRINT = 'fp_simulator';

function chatUsage(usage: TokenUsage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.totalTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A `chat.completion` object with one choice. */
export function chatCompletionObject(answer: GeneratedAnswer) {
  return {
    id: answer.id,
    object: 'chat.completion',
    created: answer.createdAt,
    model: answer.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answer.text, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: chatUsage(answer.usage),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

/** The `data:` events of a streamed completion, ending with the usage chunk (if asked for) and [DONE]. */
export function chatCompletionChunkEvents(body: Body, answer: GeneratedAnswer): string[] {
  const streamOptions = (body['stream_options'] ?? {}) as Body;
  const includeUsage = streamOptions['include_usage'] === true;
  const chunk = (choices: unknown[], usage?: unknown) =>
    sseData({
      id: answer.id,
      object: 'chat.completion.chunk',
      created: answer.createdAt,
      model: answer.model,
      service_tier: 'default',
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices,
      ...(includeUsage ? { usage: usage ?? null } : {}),
    });
  const choice = (delta: unknown, finishReason: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });

  const events = [chunk([choice({ role: 'assistant', content: '', refusal: null })])];
  for (const delta of splitIntoDeltas(answer.text)) events.push(chunk([choice({ content: delta })]));
  events.push(chunk([choice({}, 'stop')]));
  if (includeUsage) events.push(chunk([], chatUsage(answer.usage)));
  events.push(sseData('[DONE]'));
  return events;
}
