import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/cli', rootDir: import.meta.dirname };
