import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/connector-scim-server', rootDir: import.meta.dirname };
