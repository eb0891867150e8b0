import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/scenarios', rootDir: import.meta.dirname };
