import { z } from 'zod';

/** The structured output OpenAI is asked for, and what the route answers. */
export const SummarySchema = z.object({
  summary: z.string(),
  keyPoints: z.array(z.string()),
});

export type Summary = z.infer<typeof SummarySchema>;
