import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/store', rootDir: import.meta.dirname };
