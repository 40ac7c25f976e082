export const AI_CONFIG = Symbol('AI_CONFIG');
