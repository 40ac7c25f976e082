import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamicModule, Type } from '@nestjs/common';
import { WORKSPACE_ROOT } from '@openai-monitoring/ai-app-testing';
import type OpenAI from 'openai';

const DIST = join(WORKSPACE_ROOT, 'dist', 'libs', 'openai-metrics');

/** The part of the built package's public API this suite drives. */
export interface BuiltLibrary {
  OpenAiMetricsModule: { forRoot(options: Record<string, unknown>): DynamicModule };
  Instrumented(capability: string, operation: string): MethodDecorator;
  OpenAiClientService: Type<{ readonly client: OpenAI }>;
  /** The defaults file: unit prices (`input`, `perImage`, `perAudioMinute`, …) where the price database has none. */
  OPENAI_LIST_PRICES: Readonly<Record<string, Readonly<Record<string, number | undefined>>>>;
}

function load(): BuiltLibrary {
  const manifest = join(DIST, 'package.json');
  if (!existsSync(manifest)) {
    throw new Error(`${DIST} is not built: run \`NX_DAEMON=false npx nx build openai-metrics\` (the test target depends on it)`);
  }
  // The published entry point, loaded as a consumer would; its peers resolve from the root node_modules.
  return require(join(DIST, require(manifest).main)) as BuiltLibrary;
}

export const library: BuiltLibrary = load();
