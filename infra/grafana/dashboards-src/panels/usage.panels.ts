import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { MODEL_OPERATION_FILTER } from '../label-filters';
import { timeseriesPanel } from '../panel-builders';

function perMinute(metric: string, by: string): string {
  return `sum by (${by}) (rate(${metric}{${MODEL_OPERATION_FILTER}}[$__rate_interval])) * 60`;
}

/** What each operation consumes besides calls: tokens, images, audio and speech. */
export function usagePanels(): cog.Builder<dashboard.Panel>[] {
  return [
    timeseriesPanel({
      id: 61,
      title: 'Tokens per minute by capability and operation',
      description: 'openai_api_tokens_total by the operation that used them (chat, responses, embeddings, audio …).',
      unit: 'short',
      queries: [
        {
          expr: perMinute('openai_api_tokens_total', 'capability, operation, type'),
          legend: '{{capability}}/{{operation}} {{type}}',
        },
      ],
    }).axisLabel('tokens / min'),
    timeseriesPanel({
      id: 62,
      title: 'Images per minute',
      description: 'openai_api_images_total: images generated or edited.',
      unit: 'short',
      queries: [
        {
          expr: perMinute('openai_api_images_total', 'capability, operation, model'),
          legend: '{{capability}}/{{operation}} {{model}}',
        },
      ],
    }).axisLabel('images / min'),
    timeseriesPanel({
      id: 63,
      title: 'Audio seconds per minute',
      description: 'openai_api_audio_seconds_total: seconds of audio transcribed, translated or generated.',
      unit: 's',
      queries: [
        {
          expr: perMinute('openai_api_audio_seconds_total', 'capability, operation, model'),
          legend: '{{capability}}/{{operation}} {{model}}',
        },
      ],
    }).axisLabel('audio / min'),
    timeseriesPanel({
      id: 64,
      title: 'Speech characters per minute',
      description: 'openai_api_speech_characters_total: input characters of text-to-speech calls.',
      unit: 'short',
      queries: [
        {
          expr: perMinute('openai_api_speech_characters_total', 'capability, operation, model'),
          legend: '{{capability}}/{{operation}} {{model}}',
        },
      ],
    }).axisLabel('characters / min'),
  ];
}
