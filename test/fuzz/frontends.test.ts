import { fuzzSuite } from './fuzz-suite.js';

// A quick pass in `npm test`; test/long/fuzz-frontends.test.ts runs 6,000 of each kind.
// FUZZ_RUNS sets the number of cases of each kind.
fuzzSuite(Number(process.env.FUZZ_RUNS ?? 250));
