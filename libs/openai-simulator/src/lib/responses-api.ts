import { Body } from './api-request';
import { GeneratedAnswer } from './generated-answer';
import { sseEvent, splitIntoDeltas } from './sse';
import { TokenUsage } from './token-usage';

function responsesUsage(usage: TokenUsage) {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.totalTokens,
  };
}

function outputText(text: string) {
  return { type: 'output_text', text, annotations: [], logprobs: [] };
}

function messageItem(answer: GeneratedAnswer, status: 'in_progress' | 'completed') {
  return {
    id: answer.itemId,
    type: 'message',
    status,
    role: 'assistant',
    content: status === 'completed' ? [outputText(answer.text)] : [],
  };
}

/** A Response object echoing the request parameters, as POST /v1/responses returns it. */
export function responseObject(body: Body, answer: GeneratedAnswer, status: 'in_progress' | 'completed') {
  const text = (body['text'] ?? {}) as Body;
  const reasoning = (body['reasoning'] ?? {}) as Body;
  return {
    id: answer.id,
    object: 'response',
    created_at: answer.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: null,
    instructions: body['instructions'] ?? null,
    max_output_tokens: body['max_output_tokens'] ?? null,
    max_tool_calls: null,
    model: answer.model,
    output: status === 'completed' ? [messageItem(answer, 'completed')] : [],
    parallel_tool_calls: body['parallel_tool_calls'] ?? true,
    previous_response_id: body['previous_response_id'] ?? null,
    prompt_cache_key: null,
    reasoning: { effort: reasoning['effort'] ?? null, summary: null },
    safety_identifier: null,
    service_tier: 'default',
    store: body['store'] ?? true,
    temperature: body['temperature'] ?? 1,
    text: { format: text['format'] ?? { type: 'text' }, verbosity: text['verbosity'] ?? 'medium' },
    tool_choice: body['tool_choice'] ?? 'auto',
    tools: body['tools'] ?? [],
    top_logprobs: 0,
    top_p: body['top_p'] ?? 1,
    truncation: body['truncation'] ?? 'disabled',
    usage: status === 'completed' ? responsesUsage(answer.usage) : null,
    user: null,
    metadata: body['metadata'] ?? {},
  };
}

/** The SSE events of a streamed response, in the order the real API sends them. */
export function responseStreamEvents(body: Body, answer: GeneratedAnswer): string[] {
  let sequence = 0;
  const event = (type: string, data: Record<string, unknown>) =>
    sseEvent(type, { type, sequence_number: sequence++, ...data });
  const at = { item_id: answer.itemId, output_index: 0, content_index: 0 };
  const inProgress = responseObject(body, answer, 'in_progress');

  const events = [
    event('response.created', { response: inProgress }),
    event('response.in_progress', { response: inProgress }),
    event('response.output_item.added', { output_index: 0, item: messageItem(answer, 'in_progress') }),
    event('response.content_part.added', { ...at, part: outputText('') }),
  ];
  for (const delta of splitIntoDeltas(answer.text)) {
    events.push(event('response.output_text.delta', { ...at, delta, logprobs: [] }));
  }
  events.push(
    event('response.output_text.done', { ...at, text: answer.text, logprobs: [] }),
    event('response.content_part.done', { ...at, part: outputText(answer.text) }),
    event('response.output_item.done', { output_index: 0, item: messageItem(answer, 'completed') }),
    event('response.completed', { response: responseObject(body, answer, 'completed') }),
  );
  return events;
}
