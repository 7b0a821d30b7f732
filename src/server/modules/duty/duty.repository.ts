import { type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type {
  DB, DeputyPublicCodesTable, DutyActivitiesTable, DutyActivityDeputiesTable, DutyActivityKind, DutyActivityPhotosTable, DutyActivitySitesTable,
  DutyEvaluationAttendeesTable, DutyEvaluationDeputiesTable, DutyEvaluationsTable, OpinionConsolidationsTable, OpinionNotificationsTable,
  ResidentOpinionsTable,
} from '../../db/schema.js';
import { openNullable, sealNullable } from '../../security/personal-data.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The resident's phone is stored sealed (个人信息保护法); services see it in plain text. */
function openOpinion<T extends { resident_phone: string | null }>(row: T): T {
  return { ...row, resident_phone: openNullable(row.resident_phone) };
}

export type ActivityRow = DutyActivitiesTable;
export type ActivityDeputyRow = DutyActivityDeputiesTable;
export type SiteRow = DutyActivitySitesTable;
export type PhotoRow = DutyActivityPhotosTable;
export type PublicCodeRow = DeputyPublicCodesTable;
export type ConsolidationRow = OpinionConsolidationsTable;
export type OpinionRow = ResidentOpinionsTable;
export type NotificationRow = OpinionNotificationsTable;
export type EvaluationRow = DutyEvaluationsTable;
export type AttendeeRow = DutyEvaluationAttendeesTable;
export type EvaluatedDeputyRow = DutyEvaluationDeputiesTable;

const ACTIVITY_COLUMNS = [
  'duty_activities.id', 'duty_activities.township_id', 'duty_activities.year', 'duty_activities.kind', 'duty_activities.title',
  'duty_activities.held_on', 'duty_activities.place', 'duty_activities.organiser', 'duty_activities.county_notice', 'duty_activities.group_id',
  'duty_activities.announced_on', 'duty_activities.voters_contacted', 'duty_activities.materials', 'duty_activities.notes',
  'duty_activities.report_author_deputy_id', 'duty_activities.created_by', 'duty_activities.created_at', 'duty_activities.updated_at',
  'duty_activities.archived_at',
] as const;
const SITE_COLUMNS = ['id', 'township_id', 'activity_id', 'position', 'name', 'village_id', 'note'] as const;
const PHOTO_COLUMNS = ['id', 'township_id', 'activity_id', 'file_name', 'mime', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by', 'created_at', 'archived_at'] as const;
const OPINION_COLUMNS = [
  'resident_opinions.id', 'resident_opinions.township_id', 'resident_opinions.year', 'resident_opinions.ref_no', 'resident_opinions.source',
  'resident_opinions.activity_id', 'resident_opinions.deputy_id', 'resident_opinions.received_on', 'resident_opinions.content',
  'resident_opinions.village_id', 'resident_opinions.category', 'resident_opinions.resident_name', 'resident_opinions.resident_phone',
  'resident_opinions.consolidation_id', 'resident_opinions.closed_note', 'resident_opinions.closed_at', 'resident_opinions.created_by',
  'resident_opinions.created_at', 'resident_opinions.updated_at',
] as const;
const CONSOLIDATION_COLUMNS = [
  'opinion_consolidations.id', 'opinion_consolidations.township_id', 'opinion_consolidations.year', 'opinion_consolidations.title',
  'opinion_consolidations.summary', 'opinion_consolidations.category', 'opinion_consolidations.suggestion_id', 'opinion_consolidations.created_by',
  'opinion_consolidations.created_at', 'opinion_consolidations.updated_at', 'opinion_consolidations.archived_at',
] as const;
const NOTIFICATION_COLUMNS = ['id', 'township_id', 'opinion_id', 'method', 'notified_on', 'note', 'recorded_by', 'recorded_by_name', 'created_at'] as const;
const EVALUATION_COLUMNS = [
  'id', 'township_id', 'year', 'held_on', 'place', 'chair_deputy_id', 'chair_name', 'constituency_id', 'voter_opinions', 'is_published',
  'published_at', 'created_by', 'created_at', 'updated_at', 'archived_at',
] as const;
const EVALUATED_COLUMNS = [
  'township_id', 'evaluation_id', 'deputy_id', 'position', 'satisfied_count', 'basic_count', 'dissatisfied_count', 'evaluation_text',
  'report_file_name', 'report_mime', 'report_size_bytes', 'report_sha256', 'report_storage_key', 'report_uploaded_at', 'rated_at',
] as const;

/**
 * What a deputy sees of duty work: the WHERE clause of every read (STYLE.md item 7). `all`:
 * everything of the townships; `own`: activities they take part in or recorded, and opinions
 * addressed to them, collected in their activities or entered by them.
 */
export interface DutyScope {
  townshipIds: string[];
  visibility: 'all' | 'own';
  userId: string;
  deputyIds: string[];
}

function activityScope(scope: DutyScope) {
  return (eb: ExpressionBuilder<DB, 'duty_activities'>) => {
    const inTownship = eb('duty_activities.township_id', 'in', scope.townshipIds);
    if (scope.visibility === 'all') return inTownship;
    const mine = scope.deputyIds.length
      ? eb.or([
        eb('duty_activities.created_by', '=', scope.userId),
        eb.exists(eb.selectFrom('duty_activity_deputies as ad').select('ad.deputy_id')
          .whereRef('ad.activity_id', '=', 'duty_activities.id').whereRef('ad.township_id', '=', 'duty_activities.township_id').where('ad.deputy_id', 'in', scope.deputyIds)),
      ])
      : eb('duty_activities.created_by', '=', scope.userId);
    return eb.and([inTownship, mine]);
  };
}

function opinionScope(scope: DutyScope) {
  return (eb: ExpressionBuilder<DB, 'resident_opinions'>) => {
    const inTownship = eb('resident_opinions.township_id', 'in', scope.townshipIds);
    if (scope.visibility === 'all') return inTownship;
    const ors = [eb('resident_opinions.created_by', '=', scope.userId)];
    if (scope.deputyIds.length) {
      ors.push(eb('resident_opinions.deputy_id', 'in', scope.deputyIds));
      ors.push(eb.exists(eb.selectFrom('duty_activity_deputies as ad').select('ad.deputy_id')
        .whereRef('ad.activity_id', '=', 'resident_opinions.activity_id').whereRef('ad.township_id', '=', 'resident_opinions.township_id').where('ad.deputy_id', 'in', scope.deputyIds)));
    }
    return eb.and([inTownship, eb.or(ors)]);
  };
}

// ---- activities ------------------------------------------------------------------------------

export interface ActivityFilter {
  year?: number;
  kind?: DutyActivityKind;
  deputyId?: string;
  countyNotice?: string;
  limit?: number;
  offset?: number;
}

export async function listActivities(db: Db, townshipId: string, scope: DutyScope, filter: ActivityFilter): Promise<{ rows: ActivityRow[]; total: number }> {
  let q = db.selectFrom('duty_activities').where('duty_activities.township_id', '=', townshipId).where(activityScope(scope)).where('duty_activities.archived_at', 'is', null);
  if (filter.year) q = q.where('duty_activities.year', '=', filter.year);
  if (filter.kind) q = q.where('duty_activities.kind', '=', filter.kind);
  if (filter.countyNotice) q = q.where('duty_activities.county_notice', '=', filter.countyNotice);
  if (filter.deputyId) {
    const id = filter.deputyId;
    q = q.where((eb) => eb.exists(eb.selectFrom('duty_activity_deputies as f').select('f.deputy_id').whereRef('f.activity_id', '=', 'duty_activities.id')
      .whereRef('f.township_id', '=', 'duty_activities.township_id').where('f.deputy_id', '=', id)));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.select(ACTIVITY_COLUMNS).orderBy('duty_activities.held_on', 'desc').orderBy('duty_activities.created_at', 'desc')
    .limit(filter.limit ?? 100).offset(filter.offset ?? 0).execute();
  return { rows, total };
}

export function findActivityInScope(db: Db, id: string, scope: DutyScope): Promise<ActivityRow | undefined> {
  if (!scope.townshipIds.length) return Promise.resolve(undefined);
  return db.selectFrom('duty_activities').select(ACTIVITY_COLUMNS).where('duty_activities.id', '=', id).where(activityScope(scope))
    .where('duty_activities.archived_at', 'is', null).executeTakeFirst();
}

export async function insertActivity(db: Db, row: ActivityRow): Promise<void> {
  await db.insertInto('duty_activities').values(row).execute();
}

export async function updateActivity(db: Db, id: string, patch: Partial<Omit<ActivityRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('duty_activities').set(patch).where('id', '=', id).execute();
}

export interface ParticipantView { activity_id: string; deputy_id: string; name: string }

export function listParticipants(db: Db, activityIds: string[]): Promise<ParticipantView[]> {
  if (!activityIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_activity_deputies as ad').innerJoin('deputies as d', (j) => j.onRef('d.id', '=', 'ad.deputy_id').onRef('d.township_id', '=', 'ad.township_id'))
    .select(['ad.activity_id', 'ad.deputy_id', 'd.name']).where('ad.activity_id', 'in', activityIds).orderBy('d.name').execute();
}

export async function replaceParticipants(db: Db, townshipId: string, activityId: string, deputyIds: string[], now: string): Promise<void> {
  await db.deleteFrom('duty_activity_deputies').where('activity_id', '=', activityId).execute();
  if (deputyIds.length) {
    await db.insertInto('duty_activity_deputies').values(deputyIds.map((deputy_id) => ({ township_id: townshipId, activity_id: activityId, deputy_id, created_at: now }))).execute();
  }
}

export function listSites(db: Db, activityIds: string[]): Promise<SiteRow[]> {
  if (!activityIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_activity_sites').select(SITE_COLUMNS).where('activity_id', 'in', activityIds).orderBy('activity_id').orderBy('position').execute();
}

export async function replaceSites(db: Db, activityId: string, rows: SiteRow[]): Promise<void> {
  await db.deleteFrom('duty_activity_sites').where('activity_id', '=', activityId).execute();
  if (rows.length) await db.insertInto('duty_activity_sites').values(rows).execute();
}

export function listPhotos(db: Db, activityIds: string[]): Promise<PhotoRow[]> {
  if (!activityIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_activity_photos').select(PHOTO_COLUMNS).where('activity_id', 'in', activityIds).where('archived_at', 'is', null).orderBy('created_at').execute();
}

export function findPhoto(db: Db, id: string, townshipIds: string[]): Promise<PhotoRow | undefined> {
  if (!townshipIds.length) return Promise.resolve(undefined);
  return db.selectFrom('duty_activity_photos').select(PHOTO_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertPhoto(db: Db, row: PhotoRow): Promise<void> {
  await db.insertInto('duty_activity_photos').values(row).execute();
}

export async function archivePhoto(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('duty_activity_photos').set({ archived_at: at }).where('id', '=', id).execute();
}

/** Per activity: how many opinions it collected. */
export async function opinionCounts(db: Db, activityIds: string[]): Promise<Map<string, number>> {
  if (!activityIds.length) return new Map();
  const rows = await db.selectFrom('resident_opinions').select(['activity_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('activity_id', 'in', activityIds).groupBy('activity_id').execute();
  return new Map(rows.map((r) => [r.activity_id!, Number(r.n)]));
}

/** The activities of a year with their participants among `deputyIds`, for the duty record. */
export function listYearParticipation(db: Db, townshipId: string, year: number, deputyIds: string[]) {
  if (!deputyIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_activities as a').innerJoin('duty_activity_deputies as ad', (j) => j.onRef('ad.activity_id', '=', 'a.id').onRef('ad.township_id', '=', 'a.township_id'))
    .select(['a.id', 'a.kind', 'a.title', 'a.held_on', 'a.place', 'a.voters_contacted', 'a.report_author_deputy_id', 'a.county_notice', 'ad.deputy_id'])
    .where('a.township_id', '=', townshipId).where('a.year', '=', year).where('a.archived_at', 'is', null).where('ad.deputy_id', 'in', deputyIds)
    .orderBy('a.held_on').execute();
}

/** Inspections of a year whose report a deputy drafted, even when not listed as a participant. */
export function listYearReportsAuthored(db: Db, townshipId: string, year: number, deputyIds: string[]) {
  if (!deputyIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_activities').select(['id', 'title', 'held_on', 'report_author_deputy_id'])
    .where('township_id', '=', townshipId).where('year', '=', year).where('archived_at', 'is', null).where('kind', '=', 'inspection')
    .where('report_author_deputy_id', 'in', deputyIds).orderBy('held_on').execute();
}

export async function countActivities(db: Db, townshipId: string, year: number): Promise<number> {
  const r = await db.selectFrom('duty_activities').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('township_id', '=', townshipId).where('year', '=', year).where('archived_at', 'is', null).executeTakeFirst();
  return Number(r?.n ?? 0);
}

// ---- opinions ----------------------------------------------------------------------------------

export type OpinionStatus = 'open' | 'consolidated' | 'suggested' | 'closed';

export interface OpinionFilter {
  year?: number;
  status?: OpinionStatus;
  deputyId?: string;
  villageId?: string;
  activityId?: string;
  consolidationId?: string;
  search?: string;
  limit?: number;
  offset?: number;
}

/** An opinion with the names and outcome the presenter shows. */
export interface OpinionView extends OpinionRow {
  deputy_name: string | null;
  village_name: string | null;
  activity_title: string | null;
  consolidation_title: string | null;
  suggestion_id: string | null;
  suggestion_ref_no: string | null;
  suggestion_state: string | null;
}

function opinionViewQuery(db: Db) {
  return db.selectFrom('resident_opinions')
    .leftJoin('deputies', (j) => j.onRef('deputies.id', '=', 'resident_opinions.deputy_id').onRef('deputies.township_id', '=', 'resident_opinions.township_id'))
    .leftJoin('villages', 'villages.id', 'resident_opinions.village_id')
    .leftJoin('duty_activities', (j) => j.onRef('duty_activities.id', '=', 'resident_opinions.activity_id').onRef('duty_activities.township_id', '=', 'resident_opinions.township_id'))
    .leftJoin('opinion_consolidations', (j) => j.onRef('opinion_consolidations.id', '=', 'resident_opinions.consolidation_id').onRef('opinion_consolidations.township_id', '=', 'resident_opinions.township_id'))
    .leftJoin('suggestions', (j) => j.onRef('suggestions.id', '=', 'opinion_consolidations.suggestion_id').onRef('suggestions.township_id', '=', 'opinion_consolidations.township_id'))
    .select([
      ...OPINION_COLUMNS, 'deputies.name as deputy_name', 'villages.name as village_name', 'duty_activities.title as activity_title',
      'opinion_consolidations.title as consolidation_title', 'suggestions.id as suggestion_id', 'suggestions.ref_no as suggestion_ref_no',
      'suggestions.state as suggestion_state',
    ]);
}

export async function listOpinions(db: Db, townshipId: string, scope: DutyScope, filter: OpinionFilter): Promise<{ rows: OpinionView[]; total: number }> {
  let q = opinionViewQuery(db).where('resident_opinions.township_id', '=', townshipId).where(opinionScope(scope));
  if (filter.year) q = q.where('resident_opinions.year', '=', filter.year);
  if (filter.deputyId) q = q.where('resident_opinions.deputy_id', '=', filter.deputyId);
  if (filter.villageId) q = q.where('resident_opinions.village_id', '=', filter.villageId);
  if (filter.activityId) q = q.where('resident_opinions.activity_id', '=', filter.activityId);
  if (filter.consolidationId) q = q.where('resident_opinions.consolidation_id', '=', filter.consolidationId);
  if (filter.search) q = q.where('resident_opinions.content', 'like', `%${filter.search.replace(/[%_\\]/g, '')}%`);
  if (filter.status === 'open') q = q.where('resident_opinions.consolidation_id', 'is', null).where('resident_opinions.closed_at', 'is', null);
  if (filter.status === 'closed') q = q.where('resident_opinions.closed_at', 'is not', null);
  if (filter.status === 'consolidated') q = q.where('resident_opinions.consolidation_id', 'is not', null).where('opinion_consolidations.suggestion_id', 'is', null);
  if (filter.status === 'suggested') q = q.where('opinion_consolidations.suggestion_id', 'is not', null);
  const total = Number((await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q.orderBy('resident_opinions.received_on', 'desc').orderBy('resident_opinions.created_at', 'desc')
    .limit(filter.limit ?? 200).offset(filter.offset ?? 0).execute();
  return { rows: rows.map(openOpinion), total };
}

export async function findOpinionInScope(db: Db, id: string, scope: DutyScope): Promise<OpinionView | undefined> {
  if (!scope.townshipIds.length) return undefined;
  const row = await opinionViewQuery(db).where('resident_opinions.id', '=', id).where(opinionScope(scope)).executeTakeFirst();
  return row && openOpinion(row);
}

export async function findOpinionsByIds(db: Db, townshipId: string, ids: string[]): Promise<OpinionView[]> {
  if (!ids.length) return [];
  const rows = await opinionViewQuery(db).where('resident_opinions.township_id', '=', townshipId).where('resident_opinions.id', 'in', ids).execute();
  return rows.map(openOpinion);
}

export async function findOpinionByRef(db: Db, refNo: string): Promise<OpinionView | undefined> {
  const row = await opinionViewQuery(db).where('resident_opinions.ref_no', '=', refNo).executeTakeFirst();
  return row && openOpinion(row);
}

export async function listOpinionsOfActivity(db: Db, activityId: string): Promise<OpinionView[]> {
  const rows = await opinionViewQuery(db).where('resident_opinions.activity_id', '=', activityId).orderBy('resident_opinions.created_at').execute();
  return rows.map(openOpinion);
}

export async function listOpinionsOfConsolidations(db: Db, consolidationIds: string[]): Promise<OpinionView[]> {
  if (!consolidationIds.length) return [];
  const rows = await opinionViewQuery(db).where('resident_opinions.consolidation_id', 'in', consolidationIds).orderBy('resident_opinions.received_on').execute();
  return rows.map(openOpinion);
}

/** Open (not consolidated, not closed) opinions of a year: the corpus of consolidation proposals. */
export async function listOpenOpinions(db: Db, townshipId: string, year: number): Promise<OpinionView[]> {
  const rows = await opinionViewQuery(db).where('resident_opinions.township_id', '=', townshipId).where('resident_opinions.year', '=', year)
    .where('resident_opinions.consolidation_id', 'is', null).where('resident_opinions.closed_at', 'is', null)
    .orderBy('resident_opinions.received_on').orderBy('resident_opinions.created_at').limit(2000).execute();
  return rows.map(openOpinion);
}

export async function insertOpinions(db: Db, rows: OpinionRow[]): Promise<void> {
  const sealed = rows.map((r) => ({ ...r, resident_phone: sealNullable(r.resident_phone) }));
  for (let i = 0; i < sealed.length; i += 200) await db.insertInto('resident_opinions').values(sealed.slice(i, i + 200)).execute();
}

export async function updateOpinion(db: Db, id: string, patch: Partial<Omit<OpinionRow, 'id' | 'township_id' | 'ref_no'>>): Promise<void> {
  const sealed = patch.resident_phone !== undefined ? { ...patch, resident_phone: sealNullable(patch.resident_phone) } : patch;
  await db.updateTable('resident_opinions').set(sealed).where('id', '=', id).execute();
}

/** Links open opinions to a consolidation; returns how many were linked (guarded against a concurrent link). */
export async function linkOpinions(db: Db, ids: string[], consolidationId: string, at: string): Promise<number> {
  if (!ids.length) return 0;
  const r = await db.updateTable('resident_opinions').set({ consolidation_id: consolidationId, updated_at: at })
    .where('id', 'in', ids).where('consolidation_id', 'is', null).where('closed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function unlinkOpinion(db: Db, id: string, consolidationId: string, at: string): Promise<number> {
  const r = await db.updateTable('resident_opinions').set({ consolidation_id: null, updated_at: at })
    .where('id', '=', id).where('consolidation_id', '=', consolidationId).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function countOpinions(db: Db, townshipId: string, where: { year?: number; openOnly?: boolean }): Promise<number> {
  let q = db.selectFrom('resident_opinions').select((eb) => eb.fn.countAll<number>().as('n')).where('township_id', '=', townshipId);
  if (where.year) q = q.where('year', '=', where.year);
  if (where.openOnly) q = q.where('consolidation_id', 'is', null).where('closed_at', 'is', null);
  return Number((await q.executeTakeFirst())?.n ?? 0);
}

export function listNotifications(db: Db, opinionIds: string[]): Promise<NotificationRow[]> {
  if (!opinionIds.length) return Promise.resolve([]);
  return db.selectFrom('opinion_notifications').select(NOTIFICATION_COLUMNS).where('opinion_id', 'in', opinionIds).orderBy('created_at').execute();
}

export async function insertNotification(db: Db, row: NotificationRow): Promise<void> {
  await db.insertInto('opinion_notifications').values(row).execute();
}

// ---- consolidations ------------------------------------------------------------------------

export interface ConsolidationView extends ConsolidationRow {
  suggestion_ref_no: string | null;
  suggestion_state: string | null;
}

function consolidationQuery(db: Db) {
  return db.selectFrom('opinion_consolidations').leftJoin('suggestions', (j) => j.onRef('suggestions.id', '=', 'opinion_consolidations.suggestion_id').onRef('suggestions.township_id', '=', 'opinion_consolidations.township_id'))
    .select([...CONSOLIDATION_COLUMNS, 'suggestions.ref_no as suggestion_ref_no', 'suggestions.state as suggestion_state']);
}

export function listConsolidations(db: Db, townshipId: string, year?: number): Promise<ConsolidationView[]> {
  let q = consolidationQuery(db).where('opinion_consolidations.township_id', '=', townshipId).where('opinion_consolidations.archived_at', 'is', null);
  if (year) q = q.where('opinion_consolidations.year', '=', year);
  return q.orderBy('opinion_consolidations.created_at', 'desc').execute();
}

export function findConsolidation(db: Db, id: string, townshipIds: string[]): Promise<ConsolidationView | undefined> {
  if (!townshipIds.length) return Promise.resolve(undefined);
  return consolidationQuery(db).where('opinion_consolidations.id', '=', id).where('opinion_consolidations.township_id', 'in', townshipIds)
    .where('opinion_consolidations.archived_at', 'is', null).executeTakeFirst();
}

export function findConsolidationBySuggestion(db: Db, suggestionId: string): Promise<ConsolidationView | undefined> {
  return consolidationQuery(db).where('opinion_consolidations.suggestion_id', '=', suggestionId).executeTakeFirst();
}

export async function insertConsolidation(db: Db, row: ConsolidationRow): Promise<void> {
  await db.insertInto('opinion_consolidations').values(row).execute();
}

export async function updateConsolidation(db: Db, id: string, patch: Partial<Omit<ConsolidationRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('opinion_consolidations').set(patch).where('id', '=', id).execute();
}

/** Sets the suggestion once: false when another request got there first. */
export async function setConsolidationSuggestion(db: Db, id: string, suggestionId: string, at: string): Promise<boolean> {
  const r = await db.updateTable('opinion_consolidations').set({ suggestion_id: suggestionId, updated_at: at })
    .where('id', '=', id).where('suggestion_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- public codes ------------------------------------------------------------------------------

export function findPublicCodeOfDeputy(db: Db, deputyId: string): Promise<PublicCodeRow | undefined> {
  return db.selectFrom('deputy_public_codes').select(['deputy_id', 'township_id', 'public_code', 'created_at']).where('deputy_id', '=', deputyId).executeTakeFirst();
}

export async function upsertPublicCode(db: Db, row: PublicCodeRow): Promise<void> {
  await db.deleteFrom('deputy_public_codes').where('deputy_id', '=', row.deputy_id).execute();
  await db.insertInto('deputy_public_codes').values(row).execute();
}

/** The deputy behind a public code, with the township, for the public form. */
export function findDeputyByPublicCode(db: Db, code: string) {
  return db.selectFrom('deputy_public_codes as pc').innerJoin('deputies as d', (j) => j.onRef('d.id', '=', 'pc.deputy_id').onRef('d.township_id', '=', 'pc.township_id')).innerJoin('townships as t', 't.id', 'pc.township_id')
    .leftJoin('constituencies as c', (j) => j.onRef('c.id', '=', 'd.constituency_id').onRef('c.township_id', '=', 'd.township_id'))
    .select(['d.id as deputy_id', 'd.name as deputy_name', 'd.level', 'd.mandate_end', 'd.constituency_id', 'c.name as constituency_name', 't.id as township_id', 't.name as township_name', 't.code as township_code', 't.archived_at'])
    .where('pc.public_code', '=', code).executeTakeFirst();
}

// ---- evaluations (述职评议) ---------------------------------------------------------------------

export function listEvaluations(db: Db, townshipId: string, filter: { year?: number; deputyIds?: string[]; publishedOnly?: boolean }): Promise<EvaluationRow[]> {
  let q = db.selectFrom('duty_evaluations').select(EVALUATION_COLUMNS).where('township_id', '=', townshipId).where('archived_at', 'is', null);
  if (filter.year) q = q.where('year', '=', filter.year);
  if (filter.publishedOnly) q = q.where('is_published', '=', true);
  if (filter.deputyIds) {
    const ids = filter.deputyIds;
    if (!ids.length) return Promise.resolve([]);
    q = q.where((eb) => eb.exists(eb.selectFrom('duty_evaluation_deputies as ed').select('ed.deputy_id')
      .whereRef('ed.evaluation_id', '=', 'duty_evaluations.id').whereRef('ed.township_id', '=', 'duty_evaluations.township_id').where('ed.deputy_id', 'in', ids)));
  }
  return q.orderBy('held_on', 'desc').execute();
}

export function findEvaluation(db: Db, id: string, townshipIds: string[]): Promise<EvaluationRow | undefined> {
  if (!townshipIds.length) return Promise.resolve(undefined);
  return db.selectFrom('duty_evaluations').select(EVALUATION_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds)
    .where('archived_at', 'is', null).executeTakeFirst();
}

export async function insertEvaluation(db: Db, row: EvaluationRow): Promise<void> {
  await db.insertInto('duty_evaluations').values(row).execute();
}

export async function updateEvaluation(db: Db, id: string, patch: Partial<Omit<EvaluationRow, 'id' | 'township_id'>>): Promise<void> {
  await db.updateTable('duty_evaluations').set(patch).where('id', '=', id).execute();
}

export function listAttendees(db: Db, evaluationIds: string[]): Promise<AttendeeRow[]> {
  if (!evaluationIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_evaluation_attendees').select(['township_id', 'evaluation_id', 'category', 'count']).where('evaluation_id', 'in', evaluationIds).execute();
}

export async function replaceAttendees(db: Db, evaluationId: string, rows: AttendeeRow[]): Promise<void> {
  await db.deleteFrom('duty_evaluation_attendees').where('evaluation_id', '=', evaluationId).execute();
  if (rows.length) await db.insertInto('duty_evaluation_attendees').values(rows).execute();
}

export interface EvaluatedView extends EvaluatedDeputyRow { deputy_name: string; user_id: string | null }

export function listEvaluated(db: Db, evaluationIds: string[]): Promise<EvaluatedView[]> {
  if (!evaluationIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_evaluation_deputies as ed').innerJoin('deputies as d', (j) => j.onRef('d.id', '=', 'ed.deputy_id').onRef('d.township_id', '=', 'ed.township_id'))
    .select([...EVALUATED_COLUMNS.map((c) => `ed.${c}` as const), 'd.name as deputy_name', 'd.user_id'])
    .where('ed.evaluation_id', 'in', evaluationIds).orderBy('ed.evaluation_id').orderBy('ed.position').execute();
}

export async function insertEvaluated(db: Db, rows: EvaluatedDeputyRow[]): Promise<void> {
  if (rows.length) await db.insertInto('duty_evaluation_deputies').values(rows).execute();
}

export async function deleteEvaluated(db: Db, evaluationId: string, deputyIds: string[]): Promise<void> {
  if (deputyIds.length) await db.deleteFrom('duty_evaluation_deputies').where('evaluation_id', '=', evaluationId).where('deputy_id', 'in', deputyIds).execute();
}

export async function updateEvaluated(db: Db, evaluationId: string, deputyId: string, patch: Partial<Omit<EvaluatedDeputyRow, 'evaluation_id' | 'deputy_id' | 'township_id'>>): Promise<void> {
  await db.updateTable('duty_evaluation_deputies').set(patch).where('evaluation_id', '=', evaluationId).where('deputy_id', '=', deputyId).execute();
}

/** The evaluations of a year a deputy was evaluated in, for the duty record. */
export function listYearEvaluated(db: Db, townshipId: string, year: number, deputyIds: string[]) {
  if (!deputyIds.length) return Promise.resolve([]);
  return db.selectFrom('duty_evaluation_deputies as ed').innerJoin('duty_evaluations as e', (j) => j.onRef('e.id', '=', 'ed.evaluation_id').onRef('e.township_id', '=', 'ed.township_id'))
    .select(['e.id', 'e.held_on', 'e.is_published', 'ed.deputy_id', 'ed.satisfied_count', 'ed.basic_count', 'ed.dissatisfied_count'])
    .where('e.township_id', '=', townshipId).where('e.year', '=', year).where('e.archived_at', 'is', null).where('ed.deputy_id', 'in', deputyIds)
    .orderBy('e.held_on').execute();
}

// ---- shared look-ups ---------------------------------------------------------------------------

export async function deputyIdsOfUser(db: Db, townshipIds: string[], userId: string): Promise<string[]> {
  if (!townshipIds.length) return [];
  const rows = await db.selectFrom('deputies').select('id').where('township_id', 'in', townshipIds).where('user_id', '=', userId).execute();
  return rows.map((r) => r.id);
}

export function findDeputies(db: Db, townshipId: string, ids: string[]): Promise<{ id: string; name: string; mandate_start: string; mandate_end: string | null; constituency_id: string | null }[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('deputies').select(['id', 'name', 'mandate_start', 'mandate_end', 'constituency_id']).where('township_id', '=', townshipId).where('id', 'in', ids).execute();
}

export async function existingIds(db: Db, table: 'villages' | 'deputy_groups' | 'constituencies', townshipId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom(table).select('id').where('township_id', '=', townshipId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

export function listVillageNames(db: Db, townshipId: string): Promise<{ id: string; name: string }[]> {
  return db.selectFrom('villages').select(['id', 'name']).where('township_id', '=', townshipId).where('archived_at', 'is', null).orderBy('sort_order').orderBy('name').execute();
}

export function findTownshipNames(db: Db, townshipId: string) {
  return db.selectFrom('townships').select(['id', 'name', 'code', 'archived_at']).where('id', '=', townshipId).executeTakeFirst();
}

export function findTownshipByCode(db: Db, code: string) {
  return db.selectFrom('townships').select(['id', 'name', 'code', 'archived_at']).where('code', '=', code).executeTakeFirst();
}

export function findConstituencyName(db: Db, id: string): Promise<{ name: string } | undefined> {
  return db.selectFrom('constituencies').select('name').where('id', '=', id).executeTakeFirst();
}
