export { runConnectorConformanceSuite } from './run-connector-conformance-suite.js';
export { runConformanceCheck, scopeOf, methodsOf } from './run-conformance-check.js';
export { CONFORMANCE_CHECKS, conformanceCheck } from './conformance-checks.js';
export type { CheckContext, CheckScope, ConformanceCheck, ResolvedSamples } from './conformance-check.js';
export type { ConformanceFixture, ConformanceOptions, ConformanceSamples } from './conformance-options.js';
export { ConformanceFailure } from './conformance-failure.js';
export { createRecordingContext, type LoggedLine, type RecordingContext } from './recording-context.js';
export { overrideOperations, type OperationOverrides } from './override-operations.js';
