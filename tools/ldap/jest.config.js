import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/ldap', rootDir: import.meta.dirname };
