// Shared Jest settings: native ESM (inversify, kysely and friends ship only ES modules),
// TypeScript through @swc/jest with legacy decorators + metadata for inversify.
export default {
  testEnvironment: 'node',
  // Workspace packages resolve to their TypeScript source, not to a build.
  testEnvironmentOptions: { customExportConditions: ['@idsync/source', 'node', 'node-addons'] },
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  moduleNameMapper: {
    // Source imports are written `./x.js` (NodeNext); Jest resolves them to the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2023',
        },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 30000,
};
