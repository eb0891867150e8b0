import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/scim', rootDir: import.meta.dirname };
