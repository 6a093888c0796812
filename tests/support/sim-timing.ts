/**
 * The one fast timing model of the test suites: no latency, short jobs, a few slots. A suite that
 * needs something else spreads this and names what it changes (and why).
 */
export const FAST_TIMING = {
  latencyMs: 0,
  latencyJitterMs: 0,
  jobSlots: 4,
  jobOverheadMs: 20,
  perItemMs: 0.05,
  singleJobMs: 10,
};

export type SimTiming = typeof FAST_TIMING;

/**
 * The engine integration tests: a little latency and jitter, longer jobs, so jobs overlap and
 * polls can come early (the cases the engine must handle).
 */
export const ENGINE_TIMING: SimTiming = {
  ...FAST_TIMING,
  latencyMs: 1,
  latencyJitterMs: 2,
  jobOverheadMs: 40,
  perItemMs: 0.2,
  singleJobMs: 5,
};

/**
 * The e2e tests: fast, with enough latency and job time that the UI goes through its loading
 * states as it does for users. A test that must see a run in flight holds the jobs instead
 * (`PUT /__sim/jobs/hold`); none relies on these numbers being slow enough. jobSlots is left to
 * the sandbox's own model.
 */
export const UI_TIMING = {
  latencyMs: 5,
  latencyJitterMs: 0,
  jobOverheadMs: 150,
  perItemMs: 1,
  singleJobMs: 40,
};
