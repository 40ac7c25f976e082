export default {
  displayName: 'openai-simulator-lib',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/openai-simulator',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
