export default {
  displayName: 'infra',
  preset: '../jest.preset.js',
  coverageDirectory: '../coverage/infra',
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};
