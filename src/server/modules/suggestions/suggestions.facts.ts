import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Fact, FactsProvider } from '../reports/facts.types.js';
import { KIND_LABELS, SUGGESTION_KINDS } from './suggestions.workflow.js';

/** A rate as printed: one decimal and a percent sign, or null when nothing was counted. */
export function rate(n: number, d: number): string | null {
  return d > 0 ? `${(Math.round((n / d) * 1000) / 10).toFixed(1)}%` : null;
}

/**
 * Year facts of deputies' 议案/建议/批评/意见 (by year of submission, drafts and withdrawn ones
 * left out): received by kind, registered, assigned, replied, replied on time (first round),
 * satisfied (满意 + 基本满意), implemented, with rates.
 */
export const suggestionsFactsProvider: FactsProvider = {
  key: 'suggestions',
  title: '代表建议办理',
  titleEn: 'Deputies\u2019 suggestions',
  async collect(db: Kysely<DB>, townshipId: string, year: number): Promise<Fact[]> {
    const rows = await db.selectFrom('suggestions')
      .select(['id', 'kind', 'title', 'ref_no', 'registered_at', 'assigned_on', 'feedback', 'implementation', 'lead_unit_id'])
      .where('township_id', '=', townshipId).where('year', '=', year).where('state', 'not in', ['draft', 'withdrawn'])
      .orderBy('seq').execute();
    const ids = rows.map((r) => r.id);
    const [replies, units] = ids.length === 0 ? [[], []] : await Promise.all([
      db.selectFrom('suggestion_replies').select(['suggestion_id', 'round', 'is_on_time']).where('township_id', '=', townshipId).where('suggestion_id', 'in', ids).execute(),
      db.selectFrom('suggestion_units').select(['suggestion_id', 'unit_id']).where('township_id', '=', townshipId).where('suggestion_id', 'in', ids).where('removed_at', 'is', null).execute(),
    ]);
    const pick = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).map((r) => r.id);
    const replied = [...new Set(replies.map((r) => r.suggestion_id))].filter((id) => ids.includes(id));
    const onTime = [...new Set(replies.filter((r) => r.round === 1 && r.is_on_time).map((r) => r.suggestion_id))];
    const registered = pick((r) => r.registered_at !== null);
    const assigned = pick((r) => r.assigned_on !== null);
    const withFeedback = pick((r) => r.feedback !== null);
    const satisfied = pick((r) => r.feedback === 'satisfied' || r.feedback === 'basically_satisfied');
    const implementedRows = rows.filter((r) => r.implementation === 'implemented');
    const implementable = pick((r) => r.implementation !== 'not_applicable');
    const link = (q = '') => `/app/suggestions?year=${year}${q}`;
    const rec = (list: string[]) => ({ kind: 'suggestions', ids: list });
    return [
      { key: 'suggestions.received', label: '收到代表议案建议', labelEn: 'Received', value: rows.length, unit: '件', records: rec(ids), link: link() },
      {
        key: 'suggestions.byKind', label: '按类别（议案、建议、批评、意见）', labelEn: 'Received by kind',
        value: SUGGESTION_KINDS.map((k) => ({ kind: k, label: KIND_LABELS[k], count: rows.filter((r) => r.kind === k).length })), records: rec(ids), link: link(),
      },
      ...SUGGESTION_KINDS.map((k): Fact => ({
        key: `suggestions.kind.${k}`, label: `收到${KIND_LABELS[k]}`, labelEn: `Received: ${k}`, value: rows.filter((r) => r.kind === k).length, unit: '件',
        records: rec(pick((r) => r.kind === k)), link: link(`&kind=${k}`),
      })),
      { key: 'suggestions.registered', label: '立案', labelEn: 'Registered', value: registered.length, unit: '件', records: rec(registered), link: link() },
      { key: 'suggestions.assigned', label: '交办', labelEn: 'Assigned', value: assigned.length, unit: '件', records: rec(assigned), link: link() },
      { key: 'suggestions.unitCount', label: '承办单位数', labelEn: 'Handling units', value: new Set(units.map((u) => u.unit_id)).size, unit: '个', records: { kind: 'units', ids: [...new Set(units.map((u) => u.unit_id))] }, link: `/app/suggestions/stats?year=${year}` },
      { key: 'suggestions.replied', label: '已答复', labelEn: 'Replied', value: replied.length, unit: '件', records: rec(replied), link: link('&state=replied&state=closed&state=re_handling') },
      { key: 'suggestions.repliedOnTime', label: '按期答复', labelEn: 'Replied on time', value: onTime.length, unit: '件', records: rec(onTime), link: link('&state=replied&state=closed&state=re_handling') },
      { key: 'suggestions.repliedOnTimeRate', label: '按期答复率（占交办件数）', labelEn: 'On-time reply rate (of assigned)', value: rate(onTime.length, assigned.length), records: rec(onTime), link: link() },
      { key: 'suggestions.withFeedback', label: '代表已反馈意见', labelEn: 'With the deputy\u2019s feedback', value: withFeedback.length, unit: '件', records: rec(withFeedback), link: link() },
      { key: 'suggestions.satisfied', label: '代表满意和基本满意', labelEn: 'Satisfied or basically satisfied', value: satisfied.length, unit: '件', records: rec(satisfied), link: link() },
      { key: 'suggestions.satisfactionRate', label: '满意率（占已反馈件数）', labelEn: 'Satisfaction rate (of feedback given)', value: rate(satisfied.length, withFeedback.length), records: rec(satisfied), link: link() },
      { key: 'suggestions.implemented', label: '已落实', labelEn: 'Implemented', value: implementedRows.length, unit: '件', records: rec(implementedRows.map((r) => r.id)), link: link() },
      { key: 'suggestions.implementationRate', label: '落实率（占需落实件数）', labelEn: 'Implementation rate', value: rate(implementedRows.length, implementable.length), records: rec(implementedRows.map((r) => r.id)), link: link() },
      {
        key: 'suggestions.implementedList', label: '已落实的建议', labelEn: 'Implemented suggestions (titles)',
        value: implementedRows.map((r) => ({ refNo: r.ref_no, title: r.title })), records: rec(implementedRows.map((r) => r.id)), link: link(),
      },
    ];
  },
};
