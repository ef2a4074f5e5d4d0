import { fuzzSuite } from '../fuzz/fuzz-suite.js';

// 12,000 specs: 6,000 generated and 6,000 mutated.
fuzzSuite(Number(process.env.FUZZ_RUNS ?? 6000));
