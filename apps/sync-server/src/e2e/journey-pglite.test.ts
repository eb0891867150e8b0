import { describe, it } from '@jest/globals';
import { provisioningJourney } from './provisioning-journey.js';
import { tempDir } from './server-process.js';

describe('the sync server as a process, on embedded PGlite on disk', () => {
  it('provisions through SCIM inbound to the SCIM target, deprovisions with approval, and keeps its state across a restart', async () => {
    const dir = await tempDir('pglite');
    await provisioningJourney({ store: `  dataDir: ${dir}/data`, env: {}, dir });
  }, 180_000);
});
