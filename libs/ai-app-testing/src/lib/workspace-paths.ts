import { join } from 'node:path';

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

/** The built ai app (`npx nx build ai`); test targets that start it depend on that build. */
export const AI_APP_MAIN = join(WORKSPACE_ROOT, 'dist', 'apps', 'ai', 'main.js');
