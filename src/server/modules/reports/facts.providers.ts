import { disclosureFactsProvider } from '../disclosure/disclosure.facts.js';
import { deputiesFactsProvider } from '../deputies/deputies.facts.js';
import { dutyFactsProvider } from '../duty/duty.facts.js';
import { electionsFactsProvider } from '../elections/elections.facts.js';
import { presidiumMeetingsFactsProvider } from '../presidium-meetings/presidium-meetings.facts.js';
import { sessionsFactsProvider } from '../sessions/sessions.facts.js';
import { suggestionsFactsProvider } from '../suggestions/suggestions.facts.js';
import type { FactsProvider } from './facts.types.js';

/**
 * Every module's year-facts provider, in the order of the year-end summary. A module that lands
 * adds its provider here (one import, one entry).
 */
export const FACTS_PROVIDERS: FactsProvider[] = [
  sessionsFactsProvider,
  disclosureFactsProvider,
  suggestionsFactsProvider,
  dutyFactsProvider,
  deputiesFactsProvider,
  electionsFactsProvider,
  presidiumMeetingsFactsProvider,
];
