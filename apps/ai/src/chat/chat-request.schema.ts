import { z } from 'zod';

const Message = z.strictObject({
  role: z.enum(['user', 'system', 'assistant'], 'role must be user, system or assistant'),
  content: z.string('content must be a string').min(1, 'content must not be empty').max(20000, 'content must be at most 20000 characters'),
});

export const ChatRequestSchema = z.strictObject({
  messages: z
    .array(Message, 'messages must be an array')
    .min(1, 'messages must hold at least 1 message')
    .max(50, 'messages must hold at most 50 messages'),
});

export type ChatRequest = z.infer<typeof ChatRequestSchema>;
