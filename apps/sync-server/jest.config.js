import preset from '../../jest.preset.js';

export default {
  ...preset,
  displayName: '@idsync/sync-server',
  rootDir: import.meta.dirname,
  // End-to-end tests spawn dist/main.js: build before any test runs.
  globalSetup: '<rootDir>/jest.global-setup.js',
};
