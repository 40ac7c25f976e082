import { z } from 'zod';

/** The structured output for one request: the label is constrained to the labels it offered. */
export function classificationSchema(labels: readonly [string, ...string[]]) {
  return z.object({
    label: z.enum(labels),
    confidence: z.number().min(0).max(1),
  });
}

export interface Classification {
  label: string;
  confidence: number;
}
