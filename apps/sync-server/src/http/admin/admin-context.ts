import type { Catalog } from '../../catalog/catalog.js';
import type { SyncEngine } from '../../engine/sync-engine.js';
import type { SecretScrubber } from '../../logging/secret-scrubber.js';
import type { Scheduler } from '../../scheduler/scheduler.js';

/** What the admin routes work with. */
export interface AdminContext {
  readonly engine: SyncEngine;
  readonly catalog: Catalog;
  readonly scheduler: Scheduler;
  readonly scrubber: SecretScrubber;
  /** Called after a connection or rule changed: new secrets to scrub, schedules to adjust. */
  readonly catalogChanged: () => Promise<void>;
}
