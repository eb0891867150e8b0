import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/bench', rootDir: import.meta.dirname };
