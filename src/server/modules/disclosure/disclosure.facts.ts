import type { Kysely } from 'kysely';
import { periodsOfYear } from '../../../domain/disclosure.js';
import { compareDays, todayInShanghai } from '../../../domain/due-dates.js';
import type { DB } from '../../db/schema.js';
import type { Fact, FactsProvider } from '../reports/facts.types.js';
import { COMPLAINT_KIND_LABELS, COMPLAINT_KINDS, ENTRY_STATUS_LABELS } from '../rule-of-law/rule-of-law.service.js';
import { listUnits, listVillages } from '../townships/townships.repository.js';
import { disclosureSettings } from './village-disclosures.service.js';

/**
 * Year facts of the rule of law and disclosure (依法治镇, the year-end summary's second part):
 * enforcement boards, government, village and school disclosure, complaints and lawsuits, and
 * model villages. Read-only; an empty year gives zeros and empty lists.
 */
export const disclosureFactsProvider: FactsProvider = {
  key: 'disclosure',
  title: '依法治镇与政务村务公开',
  titleEn: 'Rule of law and disclosure',
  async collect(db: Kysely<DB>, townshipId: string, year: number): Promise<Fact[]> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const link = `/app/disclosure?year=${year}`;
    const [units, villages, boards, unitDisclosures, villageDisclosures, complaints, entries, programmes, settings] = await Promise.all([
      listUnits(db, townshipId, false),
      listVillages(db, townshipId, false),
      db.selectFrom('enforcement_boards').select(['id', 'unit_id', 'published_on', 'superseded_on']).where('township_id', '=', townshipId)
        .where('archived_at', 'is', null).where('status', '!=', 'draft').where('published_on', '<=', to).execute(),
      db.selectFrom('unit_disclosures').select(['id', 'unit_id', 'kind']).where('township_id', '=', townshipId).where('archived_at', 'is', null)
        .where('status', '=', 'published').where('published_on', '>=', from).where('published_on', '<=', to).execute(),
      db.selectFrom('village_disclosures').select(['id', 'village_id', 'period_kind', 'period_start']).where('township_id', '=', townshipId)
        .where('status', 'in', ['published', 'superseded']).where('period_start', '>=', from).where('period_start', '<=', to).execute(),
      db.selectFrom('administrative_complaints').select(['id', 'kind']).where('township_id', '=', townshipId).where('archived_at', 'is', null)
        .where('received_on', '>=', from).where('received_on', '<=', to).execute(),
      db.selectFrom('model_village_entries').select(['id', 'programme_id', 'village_id', 'year', 'status']).where('township_id', '=', townshipId).where('year', '=', year).orderBy('created_at').execute(),
      db.selectFrom('model_programmes').select(['id', 'name', 'position']).where('township_id', '=', townshipId).execute(),
      disclosureSettings(db, townshipId),
    ]);

    const enforcement = units.filter((u) => u.has_enforcement_power);
    const enforcementIds = new Set(enforcement.map((u) => u.id));
    // A board counts when it was the current one at some time in the year.
    const boardsInYear = boards.filter((b) => enforcementIds.has(b.unit_id) && (!b.superseded_on || compareDays(b.superseded_on, from) >= 0));
    const withBoard = [...new Set(boardsInYear.map((b) => b.unit_id))];

    const others = units.filter((u) => !u.has_enforcement_power && u.type !== 'school' && u.type !== 'village_committee');
    const otherIds = new Set(others.map((u) => u.id));
    const govDisclosures = unitDisclosures.filter((d) => d.kind === 'government' && otherIds.has(d.unit_id));
    const govUnits = [...new Set(govDisclosures.map((d) => d.unit_id))];

    const schools = units.filter((u) => u.type === 'school');
    const schoolIds = new Set(schools.map((u) => u.id));
    const schoolDisclosures = unitDisclosures.filter((d) => d.kind === 'school' && schoolIds.has(d.unit_id));
    const schoolsDisclosing = [...new Set(schoolDisclosures.map((d) => d.unit_id))];

    // Villages that published (affairs and finance together) for every period of the year that has ended.
    const today = todayInShanghai();
    const ended = periodsOfYear(settings.villageDisclosurePeriod, year).filter((p) => compareDays(p.end, today) < 0);
    const bothVillages = ended.length === 0 ? [] : villages.filter((v) => ended.every((p) => villageDisclosures.some((d) => d.village_id === v.id && d.period_kind === p.kind && d.period_start === p.start)));
    const bothIds = new Set(bothVillages.map((v) => v.id));

    const programmeName = new Map(programmes.map((p) => [p.id, p.name]));
    const villageName = new Map(villages.map((v) => [v.id, v.name]));

    return [
      { key: 'disclosure.enforcementUnits', label: '有执法权的单位', labelEn: 'Units with enforcement power', value: enforcement.length, unit: '个', records: { kind: 'units', ids: enforcement.map((u) => u.id) }, link },
      { key: 'disclosure.enforcementUnitsWithBoard', label: '公示执法责任制的单位', labelEn: 'Units with a published enforcement board', value: withBoard.length, unit: '个', records: { kind: 'enforcement_boards', ids: boardsInYear.map((b) => b.id) }, link },
      { key: 'disclosure.govAffairsUnits', label: '实行政务公开的其他单位', labelEn: 'Other units disclosing government affairs', value: govUnits.length, unit: '个', records: { kind: 'unit_disclosures', ids: govDisclosures.map((d) => d.id) }, link },
      { key: 'disclosure.villagesTotal', label: '村（居）委会总数', labelEn: 'Villages and communities', value: villages.length, unit: '个', records: { kind: 'villages', ids: villages.map((v) => v.id) }, link },
      {
        key: 'disclosure.villagesBothDisclosures', label: '按期村务公开、财务公开的村', labelEn: 'Villages with both disclosures for every period', value: bothVillages.length, unit: '个',
        records: { kind: 'village_disclosures', ids: villageDisclosures.filter((d) => bothIds.has(d.village_id)).map((d) => d.id) }, link,
      },
      { key: 'disclosure.schoolsTotal', label: '学校总数', labelEn: 'Schools', value: schools.length, unit: '所', records: { kind: 'units', ids: schools.map((u) => u.id) }, link },
      { key: 'disclosure.schoolsDisclosing', label: '实行校务公开的学校', labelEn: 'Schools disclosing school affairs', value: schoolsDisclosing.length, unit: '所', records: { kind: 'unit_disclosures', ids: schoolDisclosures.map((d) => d.id) }, link },
      {
        key: 'disclosure.complaints', label: '因行政行为引起的投诉、复议、诉讼', labelEn: 'Complaints, reconsiderations and lawsuits', value: complaints.length, unit: '件',
        records: { kind: 'administrative_complaints', ids: complaints.map((c) => c.id) }, link: `/app/rule-of-law/complaints?year=${year}`,
      },
      {
        key: 'disclosure.complaintsByKind', label: '投诉、复议、诉讼分类', labelEn: 'Complaints by kind',
        value: COMPLAINT_KINDS.map((k) => ({ kind: COMPLAINT_KIND_LABELS[k], count: complaints.filter((c) => c.kind === k).length })),
        records: { kind: 'administrative_complaints', ids: complaints.map((c) => c.id) }, link: `/app/rule-of-law/complaints?year=${year}`,
      },
      {
        key: 'disclosure.modelVillages', label: '示范村创建', labelEn: 'Model-village programmes',
        value: entries.map((e) => ({ programme: programmeName.get(e.programme_id) ?? '', village: villageName.get(e.village_id) ?? '', year: e.year, status: ENTRY_STATUS_LABELS[e.status] })),
        records: { kind: 'model_village_entries', ids: entries.map((e) => e.id) }, link: `/app/rule-of-law/model-villages?year=${year}`,
      },
    ];
  },
};
