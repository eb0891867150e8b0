import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/core', rootDir: import.meta.dirname };
