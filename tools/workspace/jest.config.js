import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/workspace', rootDir: import.meta.dirname };
