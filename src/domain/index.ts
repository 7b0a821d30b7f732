/**
 * Pure domain rules of Renda (领域规则): re-exports every module under src/domain.
 * Legal sources are cited on each export (地方组织法, 代表法, 村民委员会组织法, GB 11643, GB/T 9704).
 */
export * from './deadlines.js';
export * from './due-dates.js';
export * from './duty-points.js';
export * from './password-policy.js';
export * from './phone.js';
export * from './resident-id.js';
export * from './search-text.js';
export * from './session-numbering.js';
export * from './text-similarity.js';
export * from './village-election.js';
export * from './votes.js';
