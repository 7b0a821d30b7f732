import type { FactsProvider } from './facts.types.js';

/**
 * Every module's year-facts provider, in the order of the year-end summary. A module that lands
 * adds its provider here (one import, one entry).
 */
export const FACTS_PROVIDERS: FactsProvider[] = [];
