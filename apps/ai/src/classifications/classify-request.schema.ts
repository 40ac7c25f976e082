import { z } from 'zod';

const Label = z.string('each label must be a string').trim().min(1, 'labels must not be empty').max(100, 'labels must be at most 100 characters');

export const ClassifyRequestSchema = z.strictObject({
  text: z.string('text must be a string').min(1, 'text must not be empty').max(20000, 'text must be at most 20000 characters'),
  labels: z
    .array(Label, 'labels must be an array of strings')
    .min(2, 'labels must hold at least 2 labels')
    .max(20, 'labels must hold at most 20 labels')
    .refine((labels) => new Set(labels).size === labels.length, 'labels must be unique'),
});

export type ClassifyRequest = z.infer<typeof ClassifyRequestSchema>;
