export default {
  displayName: 'ai',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/ai',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
