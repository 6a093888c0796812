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
