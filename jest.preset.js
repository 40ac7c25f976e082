const { nxPreset } = require('@nx/jest/preset');

/** Shared by every project: Node environment, ts-jest with the project's tsconfig.spec.json. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js'],
};
