import { runConnectorConformanceSuite } from '../conformance/run-connector-conformance-suite.js';
import { createReferenceConformanceOptions } from './reference-conformance-options.js';

// The reference connector against the full suite: every check applies, since it implements every operation.
runConnectorConformanceSuite(createReferenceConformanceOptions());
