export default {
  displayName: 'openai-metrics',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/openai-metrics',
  setupFiles: ['<rootDir>/test/support/realm-safe-fetch.setup.ts'],
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
