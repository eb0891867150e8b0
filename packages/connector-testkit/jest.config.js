import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/connector-testkit', rootDir: import.meta.dirname };
