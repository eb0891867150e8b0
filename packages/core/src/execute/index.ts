/**
 * The execute stage of the pipeline, as small parts that compose:
 * classify-error (what a failure means) → retry-decision + backoff (whether and when to try
 * again) → token-bucket (how fast) and concurrency-limiter (how many at once) →
 * connection-quarantine (whether to try at all) → execute-operation (one operation from start
 * to result) → executor (a stream of operations per connection). Every wait goes through an
 * injected Clock, so tests drive it all on virtual time with ManualClock.
 */
export * from './clock.js';
export * from './manual-clock.js';
export * from './sleep.js';
export * from './parse-retry-after.js';
export * from './error-category.js';
export * from './retryable-error.js';
export * from './operation-timeout-error.js';
export * from './classify-error.js';
export * from './backoff.js';
export * from './retry-decision.js';
export * from './token-bucket.js';
export * from './concurrency-limiter.js';
export * from './connection-health.js';
export * from './connection-quarantined-error.js';
export * from './connection-quarantine.js';
export * from './run-with-timeout.js';
export * from './invalid-execution-policy-error.js';
export * from './execution-policy.js';
export * from './execution-result.js';
export * from './connection-runtime.js';
export * from './execute-operation.js';
export * from './executor.js';
export * from './execution-waits.js';
export * from './execute-one.js';
