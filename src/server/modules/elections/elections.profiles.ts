import type { ProfileStep } from '../../../domain/election-calendar.js';

/**
 * Procedure profiles (一法两办法): the steps of a village committee election and their periods,
 * as data. A round picks one; a province's measures differ in steps and periods, so a new
 * province is a new entry here, never new code.
 */
export interface ElectionProfile {
  key: string;
  name: string;
  nameEn: string;
  /** Written proxies (委托投票) one voter may hold at most. */
  maxProxiesPerAgent: number;
  /** Where the proxy limit comes from. */
  proxyBasis: string;
  steps: ProfileStep[];
}

const LAW = '村民委员会组织法';

/** Steps and periods every profile shares: those the law itself sets. */
const lawSteps = (extra: { candidatesPublishedDays?: number; handoverDays?: number; basis?: string } = {}): ProfileStep[] => [
  { key: 'committee', label: '推选村民选举委员会', labelEn: 'Elect the village election committee', offset: -45, rules: [] },
  { key: 'registration', label: '选民登记', labelEn: 'Register voters', offset: -35, rules: [] },
  {
    key: 'list_published', label: '公布选民名单', labelEn: 'Publish the voter list', offset: -25,
    rules: [{ kind: 'min_days_before', ref: 'vote', days: 20, basis: `${LAW}第14条` }],
  },
  {
    key: 'objections', label: '受理选民名单异议', labelEn: 'Receive objections to the list', offset: -20,
    rules: [{ kind: 'max_days_after', ref: 'list_published', days: 5, basis: `${LAW}第14条` }],
  },
  {
    key: 'objections_decided', label: '作出异议处理决定', labelEn: 'Decide the objections', offset: -17,
    rules: [{ kind: 'max_days_after', ref: 'objections', days: 3, basis: `${LAW}第14条` }],
  },
  { key: 'nomination', label: '选民直接提名候选人', labelEn: 'Voters nominate candidates', offset: -12, rules: [] },
  {
    key: 'candidates_published', label: '公布候选人名单', labelEn: 'Publish the candidates', offset: -7,
    rules: extra.candidatesPublishedDays
      ? [{ kind: 'min_days_before', ref: 'vote', days: extra.candidatesPublishedDays, basis: extra.basis ?? LAW }]
      : [],
  },
  { key: 'vote', label: '投票选举', labelEn: 'Vote', offset: 0, rules: [] },
  {
    key: 'count', label: '公开唱票计票', labelEn: 'Count in public', offset: 0,
    rules: [{ kind: 'max_days_after', ref: 'vote', days: 0, basis: `${LAW}第15条（公开计票）` }],
  },
  {
    key: 'announce', label: '当场公布选举结果', labelEn: 'Announce the result on the spot', offset: 0,
    rules: [{ kind: 'max_days_after', ref: 'vote', days: 0, basis: `${LAW}第15条（当场公布）` }],
  },
  {
    key: 'handover', label: '新老班子工作移交', labelEn: 'Hand over to the new committee', offset: 7,
    rules: [{ kind: 'max_days_after', ref: 'announce', days: extra.handoverDays ?? 10, basis: extra.basis ?? LAW }],
  },
];

export const ELECTION_PROFILES: ElectionProfile[] = [
  {
    key: 'national',
    name: '全国通用（村民委员会组织法）',
    nameEn: 'National (Organic Law of Villagers Committees)',
    maxProxiesPerAgent: 3,
    proxyBasis: '组织法未规定人数，按多数省份办法每人受托不超过三人',
    steps: lawSteps(),
  },
  {
    key: 'province_typical',
    name: '省级选举办法（典型）',
    nameEn: 'Provincial election measures (typical)',
    maxProxiesPerAgent: 3,
    proxyBasis: '省村民委员会选举办法：每一选民接受委托不得超过三人',
    steps: lawSteps({ candidatesPublishedDays: 5, handoverDays: 10, basis: '省村民委员会选举办法' }),
  },
];

export const DEFAULT_PROFILE_KEY = 'national';

export function findProfile(key: string): ElectionProfile | undefined {
  return ELECTION_PROFILES.find((p) => p.key === key);
}
