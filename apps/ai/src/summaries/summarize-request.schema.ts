import { z } from 'zod';

export const SummarizeRequestSchema = z.strictObject({
  text: z.string('text must be a string').min(1, 'text must not be empty').max(20000, 'text must be at most 20000 characters'),
});

export type SummarizeRequest = z.infer<typeof SummarizeRequestSchema>;
