const { nxPreset } = require('@nx/jest/preset');

/** Shared by every project: Node environment, ts-jest with the project's tsconfig.spec.json. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js'],
  // Built output (dist/) is already JavaScript: load it as Node would.
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
};
