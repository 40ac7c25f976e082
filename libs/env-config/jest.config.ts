export default {
  displayName: 'env-config',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/env-config',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
};
