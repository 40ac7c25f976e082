/** The protected routes of the ai app, each with a valid body and the labels its operation records. */
export const AI_ROUTES = [
  {
    path: '/v1/summaries',
    capability: 'summaries',
    operation: 'summarize',
    body: { text: 'Prometheus scrapes the ai service every fifteen seconds.' },
  },
  {
    path: '/v1/classifications',
    capability: 'classification',
    operation: 'classify',
    body: { text: 'The API has been down for an hour.', labels: ['billing', 'outage'] },
  },
  {
    path: '/v1/chat',
    capability: 'chat',
    operation: 'stream',
    body: { messages: [{ role: 'user', content: 'Say hello' }] },
  },
] as const;

export type AiRoute = (typeof AI_ROUTES)[number];
