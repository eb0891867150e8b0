import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/sync-server', rootDir: import.meta.dirname };
