export default {
  displayName: 'ai-app-testing',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/ai-app-testing',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
