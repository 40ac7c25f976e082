export default {
  displayName: 'consumer-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // npm installs and two tsc runs per peer combination.
  testTimeout: 240_000,
};
