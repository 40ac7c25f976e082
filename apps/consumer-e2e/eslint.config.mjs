import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  // The scratch app is copied out of the workspace and compiled there against the packed library.
  { ignores: ['**/consumer-e2e/scratch-app/**'] },
];
