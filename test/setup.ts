import fc from 'fast-check';

// Property tests run from one fixed seed so that CI is reproducible; set FC_SEED to explore others
// (fast-check prints the seed and path of any counterexample).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261125) });
