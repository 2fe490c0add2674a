/** The election rules of RULES.md as pure functions. */
export * from './violations.js';
export * from './profile.js';
export * from './dates.js';
export * from './id-card.js';
export * from './eligibility.js';
export * from './representatives.js';
export * from './committee.js';
export * from './candidates.js';
export * from './ordering.js';
export * from './timeline.js';
export * from './tally.js';
export * from './after.js';
export * from './checks.js';
export * from './vetting.js';
export * from './statistics.js';
