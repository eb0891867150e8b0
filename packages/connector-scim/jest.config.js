import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/connector-scim', rootDir: import.meta.dirname };
