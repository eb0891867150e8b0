import preset from '../../jest.preset.js';

export default { ...preset, displayName: '@idsync/connector-ldap', rootDir: import.meta.dirname };
