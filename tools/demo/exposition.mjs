// The demo reads /metrics with the exposition parser of libs/ai-app-testing, from its TypeScript
// source: through ts-node, as infra:dashboard runs TypeScript, without type checks so that it loads
// at once (the lib's own lint and specs check it).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
require('ts-node').register({ transpileOnly: true, project: join(root, 'libs', 'ai-app-testing', 'tsconfig.lib.json') });

// The lib's module itself, not its index: the index also exports helpers that start the simulator,
// which the demo neither needs nor should load.
const parser = join(root, 'libs', 'ai-app-testing', 'src', 'lib', 'prometheus-exposition.ts');
export const { histogramQuantile, parseExposition, sumSamples } = require(parser);
