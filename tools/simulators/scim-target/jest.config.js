import preset from '../../../jest.preset.js';

export default { ...preset, displayName: '@idsync/scim-target', rootDir: import.meta.dirname };
