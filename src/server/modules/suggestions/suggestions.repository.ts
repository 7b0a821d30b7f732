import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type {
  DB, SuggestionAttachmentsTable, SuggestionContactsTable, SuggestionEventsTable, SuggestionOpinionsTable, SuggestionProgressTable,
  SuggestionRepliesTable, SuggestionSignersTable, SuggestionState, SuggestionSupervisionsTable, SuggestionsTable, SuggestionUnitsTable,
} from '../../db/schema.js';
import { searchDocument, searchQueryTerms } from '../../../domain/search-text.js';
import type { Visibility } from './suggestions.workflow.js';
import { openNullable } from '../../security/personal-data.js';
import { isPostgres } from '../../db/dialect.js';

type Db = Kysely<DB> | Transaction<DB>;

/** A suggestion as the services see it (its search terms stay in the repository). */
export type SuggestionRow = Omit<SuggestionsTable, 'search_text'>;
export type SignerRow = SuggestionSignersTable;
export type UnitLinkRow = SuggestionUnitsTable;
export type ContactRow = SuggestionContactsTable;
export type ReplyRow = SuggestionRepliesTable;
export type OpinionRow = SuggestionOpinionsTable;
export type ProgressRow = SuggestionProgressTable;
export type SupervisionRow = SuggestionSupervisionsTable;
export type AttachmentRow = SuggestionAttachmentsTable;
export type EventRow = SuggestionEventsTable;

export const SUGGESTION_COLUMNS = [
  'suggestions.id', 'suggestions.township_id', 'suggestions.year', 'suggestions.seq', 'suggestions.ref_no', 'suggestions.kind',
  'suggestions.title', 'suggestions.content', 'suggestions.category', 'suggestions.raised_at', 'suggestions.session_id',
  'suggestions.motion_id', 'suggestions.author_deputy_id', 'suggestions.state', 'suggestions.is_public', 'suggestions.is_difficult',
  'suggestions.submitted_at', 'suggestions.registered_at', 'suggestions.return_reason', 'suggestions.assigned_on', 'suggestions.round',
  'suggestions.reply_due_on', 'suggestions.lead_unit_id', 'suggestions.grade', 'suggestions.replied_on', 'suggestions.feedback',
  'suggestions.closed_at', 'suggestions.implementation', 'suggestions.implemented_on', 'suggestions.overdue_flagged_due',
  'suggestions.overdue_flagged_at', 'suggestions.created_by', 'suggestions.created_at', 'suggestions.updated_at',
] as const;
const SIGNER_COLUMNS = ['township_id', 'suggestion_id', 'deputy_id', 'is_author', 'confirmed_at', 'confirmation', 'recorded_by', 'created_at'] as const;
const UNIT_LINK_COLUMNS = ['township_id', 'suggestion_id', 'unit_id', 'role', 'assigned_on', 'removed_at', 'created_at'] as const;
const CONTACT_COLUMNS = ['id', 'township_id', 'suggestion_id', 'unit_id', 'round', 'contacted_on', 'method', 'note', 'recorded_by', 'created_at'] as const;
const REPLY_COLUMNS = [
  'id', 'township_id', 'suggestion_id', 'unit_id', 'round', 'grade', 'content', 'replied_on', 'due_on', 'is_on_time', 'replied_by',
  'feedback', 'feedback_comment', 'feedback_at', 'feedback_by', 'created_at',
] as const;
const OPINION_COLUMNS = ['id', 'township_id', 'suggestion_id', 'unit_id', 'round', 'content', 'recorded_by', 'created_at'] as const;
const PROGRESS_COLUMNS = ['id', 'township_id', 'suggestion_id', 'entry_on', 'status', 'content', 'recorded_by', 'created_at'] as const;
const SUPERVISION_COLUMNS = ['id', 'township_id', 'suggestion_id', 'method', 'acted_on', 'note', 'recorded_by', 'created_at'] as const;
const ATTACHMENT_COLUMNS = [
  'id', 'township_id', 'suggestion_id', 'purpose', 'progress_id', 'file_name', 'mime', 'size_bytes', 'sha256', 'storage_key', 'uploaded_by',
  'created_at', 'archived_at',
] as const;
const EVENT_COLUMNS = ['id', 'township_id', 'suggestion_id', 'action', 'from_state', 'to_state', 'round', 'actor_id', 'actor_name', 'note', 'detail_json', 'at'] as const;

/** What the actor may see: the WHERE clause of every read (STYLE.md item 7). */
export interface SuggestionScope {
  townshipIds: string[];
  visibility: Visibility;
  userId: string;
  /** The actor's deputy records (for 'own'). */
  deputyIds: string[];
  /** The actor's unit (for 'unit'). */
  unitId: string | null;
}

function scopeWhere(scope: SuggestionScope) {
  return (eb: ExpressionBuilder<DB, 'suggestions'>) => {
    const inTownship = eb('suggestions.township_id', 'in', scope.townshipIds);
    if (scope.visibility === 'all') {
      // Drafts are the author's own business until submitted.
      return eb.and([inTownship, eb.or([eb('suggestions.state', '!=', 'draft'), eb('suggestions.created_by', '=', scope.userId)])]);
    }
    if (scope.visibility === 'own') {
      const deputyIds = scope.deputyIds.length ? scope.deputyIds : ['-'];
      return eb.and([inTownship, eb.or([
        eb('suggestions.author_deputy_id', 'in', deputyIds),
        eb('suggestions.created_by', '=', scope.userId),
        eb.and([
          eb('suggestions.state', '!=', 'draft'),
          eb.exists(eb.selectFrom('suggestion_signers').select('suggestion_signers.deputy_id')
            .whereRef('suggestion_signers.suggestion_id', '=', 'suggestions.id').whereRef('suggestion_signers.township_id', '=', 'suggestions.township_id')
            .where('suggestion_signers.deputy_id', 'in', deputyIds)),
        ]),
      ])]);
    }
    if (scope.visibility === 'unit') {
      return eb.and([inTownship, eb.exists(eb.selectFrom('suggestion_units').select('suggestion_units.unit_id')
        .whereRef('suggestion_units.suggestion_id', '=', 'suggestions.id').whereRef('suggestion_units.township_id', '=', 'suggestions.township_id')
        .where('suggestion_units.unit_id', '=', scope.unitId ?? '-')
        .where('suggestion_units.removed_at', 'is', null))]);
    }
    return eb.val(false);
  };
}

export function findSuggestionInScope(db: Db, id: string, scope: SuggestionScope): Promise<SuggestionRow | undefined> {
  if (scope.townshipIds.length === 0 || scope.visibility === 'none') return Promise.resolve(undefined);
  return db.selectFrom('suggestions').select(SUGGESTION_COLUMNS).where('suggestions.id', '=', id).where(scopeWhere(scope)).executeTakeFirst();
}

export interface SuggestionFilter {
  year?: number;
  states?: SuggestionState[];
  kind?: string;
  category?: string;
  leadUnitId?: string;
  unitId?: string;
  deputyId?: string;
  search?: string;
  /** Handling states past their reply date on this day. */
  overdueOn?: string;
  /** Handling states whose reply is due between these days, both included (即将到期). */
  dueFrom?: string;
  dueTo?: string;
  /** Soonest reply due day first (the supervision lists) instead of newest first. */
  orderByDue?: boolean;
  limit?: number;
  offset?: number;
}

export interface SuggestionListRow extends SuggestionRow {
  author_name: string;
  lead_unit_name: string | null;
}

export async function listSuggestions(db: Db, townshipId: string, scope: SuggestionScope, filter: SuggestionFilter): Promise<{ rows: SuggestionListRow[]; total: number }> {
  if (scope.visibility === 'none' || !scope.townshipIds.includes(townshipId)) return { rows: [], total: 0 };
  // The authors' names are read for the page's rows afterwards, not joined: with deputies in the
  // query PostgreSQL starts from the township's deputies and walks every suggestion of each (a
  // list page 2.6 → 10 ms on 200,000 rows), and the count needs no other table.
  let q = db.selectFrom('suggestions')
    .leftJoin('units', 'units.id', 'suggestions.lead_unit_id')
    .where('suggestions.township_id', '=', townshipId)
    .where(scopeWhere(scope));
  if (filter.year) q = q.where('suggestions.year', '=', filter.year);
  if (filter.states?.length) q = q.where('suggestions.state', 'in', filter.states);
  if (filter.kind) q = q.where('suggestions.kind', '=', filter.kind as SuggestionRow['kind']);
  if (filter.category) q = q.where('suggestions.category', '=', filter.category);
  if (filter.leadUnitId) q = q.where('suggestions.lead_unit_id', '=', filter.leadUnitId);
  if (filter.unitId) {
    const unitId = filter.unitId;
    q = q.where((eb) => eb.exists(eb.selectFrom('suggestion_units').select('suggestion_units.unit_id')
      .whereRef('suggestion_units.suggestion_id', '=', 'suggestions.id').whereRef('suggestion_units.township_id', '=', 'suggestions.township_id')
      .where('suggestion_units.unit_id', '=', unitId).where('suggestion_units.removed_at', 'is', null)));
  }
  if (filter.deputyId) {
    const deputyId = filter.deputyId;
    q = q.where((eb) => eb.or([
      eb('suggestions.author_deputy_id', '=', deputyId),
      eb.exists(eb.selectFrom('suggestion_signers').select('suggestion_signers.deputy_id').whereRef('suggestion_signers.suggestion_id', '=', 'suggestions.id')
        .whereRef('suggestion_signers.township_id', '=', 'suggestions.township_id').where('suggestion_signers.deputy_id', '=', deputyId)),
    ]));
  }
  if (filter.search?.trim()) {
    const search = filter.search.trim();
    q = q.where((eb) => searchWhere(db, eb, townshipId, search));
  }
  if (filter.overdueOn) q = q.where('suggestions.state', 'in', ['assigned', 're_handling']).where('suggestions.reply_due_on', '<', filter.overdueOn);
  if (filter.dueFrom || filter.dueTo) {
    q = q.where('suggestions.state', 'in', ['assigned', 're_handling']).where('suggestions.reply_due_on', 'is not', null);
    if (filter.dueFrom) q = q.where('suggestions.reply_due_on', '>=', filter.dueFrom);
    if (filter.dueTo) q = q.where('suggestions.reply_due_on', '<=', filter.dueTo);
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let ordered = q.select([...SUGGESTION_COLUMNS, 'units.name as lead_unit_name']);
  if (filter.orderByDue) ordered = ordered.orderBy('suggestions.reply_due_on', 'asc');
  const page = await ordered.orderBy('suggestions.year', 'desc').orderBy('suggestions.seq', 'desc').orderBy('suggestions.created_at', 'desc')
    .limit(filter.limit ?? 200).offset(filter.offset ?? 0).execute();
  const authorIds = [...new Set(page.map((r) => r.author_deputy_id))];
  const authors = authorIds.length
    ? new Map((await db.selectFrom('deputies').select(['id', 'name']).where('township_id', '=', townshipId).where('id', 'in', authorIds).execute()).map((d) => [d.id, d.name]))
    : new Map<string, string>();
  return { rows: page.map((r) => ({ ...r, author_name: authors.get(r.author_deputy_id) ?? '' })), total };
}

/**
 * The search condition: a reference number (2026-007) matches exactly; otherwise Chinese
 * full-text search over the segmented `search_text` (domain/search-text.ts), FTS5 on SQLite and
 * `to_tsvector('simple', search_text)` (stored, GIN-indexed) on PostgreSQL; a query with no searchable term
 * falls back to a substring match of the title.
 */
function searchWhere(db: Db, eb: ExpressionBuilder<DB, 'suggestions'>, townshipId: string, search: string): Expression<SqlBool> {
  if (/^\d{4}-\d{1,5}$/.test(search)) return eb('suggestions.ref_no', '=', search);
  const terms = searchQueryTerms(search);
  // Nothing to match in the index (punctuation, stop words, one Chinese character alone, which
  // the index holds only inside bigrams): a plain substring match of title and content.
  if (!terms.length || terms.every((t) => /^\p{Script=Han}$/u.test(t))) {
    const like = `%${search.replace(/[%_\\]/g, '')}%`;
    return eb.or([eb('suggestions.title', 'like', like), eb('suggestions.content', 'like', like)]);
  }
  if (isPostgres(db)) {
    // search_tsv = to_tsvector('simple', search_text), a stored generated column with a GIN index.
    return sql<SqlBool>`${sql.ref('suggestions.search_tsv')} @@ plainto_tsquery('simple', ${terms.join(' ')})`;
  }
  // Each term quoted as an FTS5 string (a term with a separator becomes a phrase of its parts),
  // within the township's rows of the index.
  const quote = (t: string) => `"${t.replaceAll('"', '""')}"`;
  const match = `township_id : ${quote(townshipId)} AND search_text : (${terms.map(quote).join(' AND ')})`;
  return sql<SqlBool>`${sql.ref('suggestions.rowid')} in (select rowid from suggestions_fts where suggestions_fts match ${match})`;
}

/** Every suggestion of a township's year for reports (statistics, export), with names. */
export function listYear(db: Db, townshipId: string, year: number): Promise<SuggestionListRow[]> {
  return db.selectFrom('suggestions')
    .innerJoin('deputies', (j) => j.onRef('deputies.id', '=', 'suggestions.author_deputy_id').onRef('deputies.township_id', '=', 'suggestions.township_id'))
    .leftJoin('units', 'units.id', 'suggestions.lead_unit_id')
    .select([...SUGGESTION_COLUMNS, 'deputies.name as author_name', 'units.name as lead_unit_name'])
    .where('suggestions.township_id', '=', townshipId).where('suggestions.year', '=', year)
    .where('suggestions.state', 'not in', ['draft', 'withdrawn'])
    .orderBy('suggestions.seq').execute();
}

/** Earlier submitted suggestions of the township, for similarity (title and content). */
export function listCorpus(db: Db, townshipId: string, exceptId: string, before: string): Promise<Pick<SuggestionRow, 'id' | 'ref_no' | 'title' | 'content' | 'state' | 'year' | 'category' | 'grade'>[]> {
  return db.selectFrom('suggestions').select(['id', 'ref_no', 'title', 'content', 'state', 'year', 'category', 'grade'])
    .where('township_id', '=', townshipId).where('id', '!=', exceptId)
    .where('state', 'not in', ['draft', 'withdrawn']).where('submitted_at', '<=', before).execute();
}

/** Inserts a suggestion with its search terms (title and content segmented, domain/search-text.ts). */
export async function insertSuggestion(db: Db, row: SuggestionRow): Promise<void> {
  await db.insertInto('suggestions').values({ ...row, search_text: searchDocument(row.title, row.content) }).execute();
}

/** Updates a suggestion; a new title or content renews its search terms in the same statement. */
export async function updateSuggestion(db: Db, id: string, patch: Partial<Omit<SuggestionRow, 'id' | 'township_id'>>): Promise<void> {
  let searchText: string | undefined;
  if (patch.title !== undefined || patch.content !== undefined) {
    const current = patch.title !== undefined && patch.content !== undefined ? patch
      : await db.selectFrom('suggestions').select(['title', 'content']).where('id', '=', id).executeTakeFirstOrThrow();
    searchText = searchDocument(patch.title ?? current.title!, patch.content ?? current.content!);
  }
  await db.updateTable('suggestions').set({ ...patch, ...(searchText !== undefined ? { search_text: searchText } : {}) }).where('id', '=', id).execute();
}

/**
 * Moves a suggestion from `from` to a new state only if it is still in `from`: a concurrent
 * transition loses and gets a conflict instead of overwriting.
 */
export async function transitionSuggestion(db: Db, id: string, from: SuggestionState, patch: Partial<Omit<SuggestionRow, 'id' | 'township_id'>>): Promise<boolean> {
  const r = await db.updateTable('suggestions').set(patch).where('id', '=', id).where('state', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function nextSeq(db: Db, townshipId: string, year: number): Promise<number> {
  const r = await db.selectFrom('suggestions').select((eb) => eb.fn.max('seq').as('m')).where('township_id', '=', townshipId).where('year', '=', year).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export function findByMotion(db: Db, motionId: string): Promise<SuggestionRow | undefined> {
  return db.selectFrom('suggestions').select(SUGGESTION_COLUMNS).where('motion_id', '=', motionId).executeTakeFirst();
}

// ---- signers ----------------------------------------------------------------------------------

export interface SignerView extends SignerRow { deputy_name: string }

export function listSigners(db: Db, suggestionIds: string[]): Promise<SignerView[]> {
  if (!suggestionIds.length) return Promise.resolve([]);
  return db.selectFrom('suggestion_signers').innerJoin('deputies', (j) => j.onRef('deputies.id', '=', 'suggestion_signers.deputy_id').onRef('deputies.township_id', '=', 'suggestion_signers.township_id'))
    .select([...SIGNER_COLUMNS.map((c) => `suggestion_signers.${c}` as const), 'deputies.name as deputy_name'])
    .where('suggestion_signers.suggestion_id', 'in', suggestionIds)
    .orderBy('suggestion_signers.is_author', 'desc').orderBy('suggestion_signers.created_at').orderBy('deputies.name').execute();
}

export async function insertSigners(db: Db, rows: SignerRow[]): Promise<void> {
  if (rows.length) await db.insertInto('suggestion_signers').values(rows).execute();
}

export async function deleteCoSigners(db: Db, suggestionId: string): Promise<void> {
  await db.deleteFrom('suggestion_signers').where('suggestion_id', '=', suggestionId).where('is_author', '=', false).execute();
}

export async function confirmSigner(db: Db, suggestionId: string, deputyId: string, patch: Pick<SignerRow, 'confirmed_at' | 'confirmation' | 'recorded_by'>): Promise<void> {
  await db.updateTable('suggestion_signers').set(patch).where('suggestion_id', '=', suggestionId).where('deputy_id', '=', deputyId).execute();
}

export async function countConfirmedSigners(db: Db, suggestionId: string): Promise<number> {
  const r = await db.selectFrom('suggestion_signers').select((eb) => eb.fn.countAll<number>().as('n'))
    .where('suggestion_id', '=', suggestionId).where('confirmed_at', 'is not', null).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---- deputies and units (read only) -----------------------------------------------------------

export async function deputyIdsOfUser(db: Db, townshipIds: string[], userId: string): Promise<string[]> {
  if (!townshipIds.length) return [];
  const rows = await db.selectFrom('deputies').select('id').where('user_id', '=', userId).where('township_id', 'in', townshipIds)
    .orderBy('mandate_end', 'desc').orderBy('term_number', 'desc').execute();
  return rows.map((r) => r.id);
}

/** Deputies by id; the phone opened from its sealed form (security/personal-data.ts). */
export async function findDeputies(db: Db, townshipId: string, ids: string[]): Promise<{ id: string; name: string; mandate_end: string | null; user_id: string | null; phone: string | null }[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('deputies').select(['id', 'name', 'mandate_end', 'user_id', 'phone']).where('township_id', '=', townshipId).where('id', 'in', ids).execute();
  return rows.map((r) => ({ ...r, phone: openNullable(r.phone) }));
}

export function findUnits(db: Db, townshipId: string, ids: string[]): Promise<{ id: string; name: string; archived_at: string | null }[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('units').select(['id', 'name', 'archived_at']).where('township_id', '=', townshipId).where('id', 'in', ids).execute();
}

export function findSessionInTownship(db: Db, townshipId: string, id: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('congress_sessions').select('id').where('township_id', '=', townshipId).where('id', '=', id).executeTakeFirst();
}

// ---- units ----------------------------------------------------------------------------------

export interface UnitLinkView extends UnitLinkRow { unit_name: string }

export function listUnitLinks(db: Db, suggestionIds: string[]): Promise<UnitLinkView[]> {
  if (!suggestionIds.length) return Promise.resolve([]);
  return db.selectFrom('suggestion_units').innerJoin('units', 'units.id', 'suggestion_units.unit_id')
    .select([...UNIT_LINK_COLUMNS.map((c) => `suggestion_units.${c}` as const), 'units.name as unit_name'])
    .where('suggestion_units.suggestion_id', 'in', suggestionIds).orderBy('suggestion_units.role', 'desc').orderBy('units.name').execute();
}

export async function insertUnitLinks(db: Db, rows: UnitLinkRow[]): Promise<void> {
  if (rows.length) await db.insertInto('suggestion_units').values(rows).execute();
}

export async function updateUnitLink(db: Db, suggestionId: string, unitId: string, patch: Partial<Pick<UnitLinkRow, 'role' | 'assigned_on' | 'removed_at'>>): Promise<void> {
  await db.updateTable('suggestion_units').set(patch).where('suggestion_id', '=', suggestionId).where('unit_id', '=', unitId).execute();
}

// ---- handling records -----------------------------------------------------------------------

export function listContacts(db: Db, suggestionId: string): Promise<ContactRow[]> {
  return db.selectFrom('suggestion_contacts').select(CONTACT_COLUMNS).where('suggestion_id', '=', suggestionId).orderBy('contacted_on').orderBy('created_at').execute();
}

export async function hasContact(db: Db, suggestionId: string, unitId: string, round: number): Promise<boolean> {
  return Boolean(await db.selectFrom('suggestion_contacts').select('id').where('suggestion_id', '=', suggestionId).where('unit_id', '=', unitId).where('round', '=', round).executeTakeFirst());
}

export async function insertContact(db: Db, row: ContactRow): Promise<void> {
  await db.insertInto('suggestion_contacts').values(row).execute();
}

export function listReplies(db: Db, suggestionId: string): Promise<ReplyRow[]> {
  return db.selectFrom('suggestion_replies').select(REPLY_COLUMNS).where('suggestion_id', '=', suggestionId).orderBy('round').execute();
}

export function findReply(db: Db, suggestionId: string, round: number): Promise<ReplyRow | undefined> {
  return db.selectFrom('suggestion_replies').select(REPLY_COLUMNS).where('suggestion_id', '=', suggestionId).where('round', '=', round).executeTakeFirst();
}

export async function insertReply(db: Db, row: ReplyRow): Promise<void> {
  await db.insertInto('suggestion_replies').values(row).execute();
}

export async function updateReply(db: Db, id: string, patch: Partial<Pick<ReplyRow, 'feedback' | 'feedback_comment' | 'feedback_at' | 'feedback_by'>>): Promise<void> {
  await db.updateTable('suggestion_replies').set(patch).where('id', '=', id).execute();
}

export function listOpinions(db: Db, suggestionId: string): Promise<OpinionRow[]> {
  return db.selectFrom('suggestion_opinions').select(OPINION_COLUMNS).where('suggestion_id', '=', suggestionId).orderBy('created_at').execute();
}

export async function insertOpinion(db: Db, row: OpinionRow): Promise<void> {
  await db.insertInto('suggestion_opinions').values(row).execute();
}

export function listProgress(db: Db, suggestionId: string): Promise<ProgressRow[]> {
  return db.selectFrom('suggestion_progress').select(PROGRESS_COLUMNS).where('suggestion_id', '=', suggestionId).orderBy('entry_on').orderBy('created_at').execute();
}

export async function insertProgress(db: Db, row: ProgressRow): Promise<void> {
  await db.insertInto('suggestion_progress').values(row).execute();
}

export function listSupervisions(db: Db, suggestionId: string): Promise<SupervisionRow[]> {
  return db.selectFrom('suggestion_supervisions').select(SUPERVISION_COLUMNS).where('suggestion_id', '=', suggestionId).orderBy('acted_on').orderBy('created_at').execute();
}

export async function insertSupervision(db: Db, row: SupervisionRow): Promise<void> {
  await db.insertInto('suggestion_supervisions').values(row).execute();
}

// ---- attachments ----------------------------------------------------------------------------

export function listAttachments(db: Db, suggestionId: string): Promise<AttachmentRow[]> {
  return db.selectFrom('suggestion_attachments').select(ATTACHMENT_COLUMNS).where('suggestion_id', '=', suggestionId).where('archived_at', 'is', null).orderBy('created_at').execute();
}

export function findAttachment(db: Db, id: string, townshipIds: string[]): Promise<AttachmentRow | undefined> {
  if (!townshipIds.length) return Promise.resolve(undefined);
  return db.selectFrom('suggestion_attachments').select(ATTACHMENT_COLUMNS).where('id', '=', id).where('township_id', 'in', townshipIds).executeTakeFirst();
}

export async function insertAttachment(db: Db, row: AttachmentRow): Promise<void> {
  await db.insertInto('suggestion_attachments').values(row).execute();
}

/** Links evidence files to a progress entry; only unlinked evidence of the same suggestion. */
export async function linkEvidence(db: Db, suggestionId: string, progressId: string, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const r = await db.updateTable('suggestion_attachments').set({ progress_id: progressId })
    .where('suggestion_id', '=', suggestionId).where('id', 'in', ids).where('purpose', '=', 'evidence').where('progress_id', 'is', null).where('archived_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function archiveAttachment(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('suggestion_attachments').set({ archived_at: at }).where('id', '=', id).execute();
}

// ---- events ---------------------------------------------------------------------------------

export function listEvents(db: Db, suggestionId: string): Promise<EventRow[]> {
  return db.selectFrom('suggestion_events').select(EVENT_COLUMNS).where('suggestion_id', '=', suggestionId).orderBy('at').orderBy('id').execute();
}

export async function insertEvent(db: Db, row: EventRow): Promise<void> {
  await db.insertInto('suggestion_events').values(row).execute();
}

// ---- the deadline sweep ---------------------------------------------------------------------

/** Handling items past their reply date that are not yet flagged for that date: one bounded batch. */
export function findUnflaggedOverdue(db: Db, today: string, limit: number, townshipId?: string): Promise<Pick<SuggestionRow, 'id' | 'township_id' | 'state' | 'round' | 'reply_due_on' | 'lead_unit_id'>[]> {
  return db.selectFrom('suggestions').select(['id', 'township_id', 'state', 'round', 'reply_due_on', 'lead_unit_id'])
    .where('state', 'in', ['assigned', 're_handling']).where('reply_due_on', '<', today)
    .where((eb) => eb.or([eb('overdue_flagged_due', 'is', null), eb('overdue_flagged_due', '!=', eb.ref('reply_due_on'))]))
    .$if(Boolean(townshipId), (q) => q.where('township_id', '=', townshipId!))
    .orderBy('reply_due_on').orderBy('id').limit(limit).execute();
}

/** Flags one item for its current due day, only if still unflagged: true when this call flagged it. */
export async function flagOverdue(db: Db, id: string, dueOn: string, today: string, at: string): Promise<boolean> {
  const r = await db.updateTable('suggestions').set({ overdue_flagged_due: dueOn, overdue_flagged_at: at })
    .where('id', '=', id).where('state', 'in', ['assigned', 're_handling']).where('reply_due_on', '=', dueOn).where('reply_due_on', '<', today)
    .where((eb) => eb.or([eb('overdue_flagged_due', 'is', null), eb('overdue_flagged_due', '!=', dueOn)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The deadline stages of a handling suggestion the sweep notifies about, by reply due day. */
export type DeadlineStage = 'due_soon_7d' | 'overdue' | 'overdue_30d';

/**
 * Handling suggestions in a deadline stage on `today` (due within 7 days; past due; more than 30
 * days past due) that have no notice of that stage in their current round yet: one batch, after
 * `afterId` (keyset, so items with nobody to notify never block the rest).
 */
export function findStageCandidates(
  db: Db, stage: DeadlineStage, bounds: { from?: string; to?: string }, afterId: string, limit: number, townshipId?: string,
): Promise<Pick<SuggestionRow, 'id' | 'township_id' | 'round' | 'reply_due_on' | 'lead_unit_id' | 'ref_no' | 'title'>[]> {
  return db.selectFrom('suggestions').select(['id', 'township_id', 'round', 'reply_due_on', 'lead_unit_id', 'ref_no', 'title'])
    .where('state', 'in', ['assigned', 're_handling']).where('reply_due_on', 'is not', null)
    .$if(bounds.from !== undefined, (q) => q.where('reply_due_on', '>=', bounds.from!))
    .$if(bounds.to !== undefined, (q) => q.where('reply_due_on', '<=', bounds.to!))
    .$if(Boolean(townshipId), (q) => q.where('township_id', '=', townshipId!))
    .where('id', '>', afterId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('notifications').select('notifications.id')
      .whereRef('notifications.suggestion_id', '=', 'suggestions.id').whereRef('notifications.township_id', '=', 'suggestions.township_id').whereRef('notifications.round', '=', 'suggestions.round')
      .where('notifications.stage', '=', stage))))
    .orderBy('id').limit(limit).execute();
}

// ---- reports --------------------------------------------------------------------------------

/** Replies of a year's suggestions, for the per-unit statistics. */
export function listYearReplies(db: Db, townshipId: string, year: number): Promise<Pick<ReplyRow, 'suggestion_id' | 'unit_id' | 'round' | 'is_on_time' | 'grade' | 'feedback'>[]> {
  return db.selectFrom('suggestion_replies').innerJoin('suggestions', (j) => j.onRef('suggestions.id', '=', 'suggestion_replies.suggestion_id').onRef('suggestions.township_id', '=', 'suggestion_replies.township_id'))
    .select(['suggestion_replies.suggestion_id', 'suggestion_replies.unit_id', 'suggestion_replies.round', 'suggestion_replies.is_on_time', 'suggestion_replies.grade', 'suggestion_replies.feedback'])
    .where('suggestion_replies.township_id', '=', townshipId).where('suggestions.year', '=', year).execute();
}

export function listYearUnitLinks(db: Db, townshipId: string, year: number): Promise<UnitLinkView[]> {
  return db.selectFrom('suggestion_units').innerJoin('units', 'units.id', 'suggestion_units.unit_id').innerJoin('suggestions', (j) => j.onRef('suggestions.id', '=', 'suggestion_units.suggestion_id').onRef('suggestions.township_id', '=', 'suggestion_units.township_id'))
    .select([...UNIT_LINK_COLUMNS.map((c) => `suggestion_units.${c}` as const), 'units.name as unit_name'])
    .where('suggestion_units.township_id', '=', townshipId).where('suggestions.year', '=', year).where('suggestion_units.removed_at', 'is', null).execute();
}

/** Replies of some suggestions (for exports). */
export function listRepliesOf(db: Db, suggestionIds: string[]): Promise<Pick<ReplyRow, 'suggestion_id' | 'unit_id' | 'round' | 'is_on_time' | 'grade' | 'feedback'>[]> {
  if (!suggestionIds.length) return Promise.resolve([]);
  return db.selectFrom('suggestion_replies').select(['suggestion_id', 'unit_id', 'round', 'is_on_time', 'grade', 'feedback'])
    .where('suggestion_id', 'in', suggestionIds).execute();
}

/** Current unit links of some suggestions (for exports). */
export function listUnitLinksOf(db: Db, suggestionIds: string[]): Promise<UnitLinkView[]> {
  if (!suggestionIds.length) return Promise.resolve([]);
  return db.selectFrom('suggestion_units').innerJoin('units', 'units.id', 'suggestion_units.unit_id')
    .select([...UNIT_LINK_COLUMNS.map((c) => `suggestion_units.${c}` as const), 'units.name as unit_name'])
    .where('suggestion_units.suggestion_id', 'in', suggestionIds).where('suggestion_units.removed_at', 'is', null).execute();
}

/** Authored suggestions of some deputies in a year, for the duty record. */
export function listAuthored(db: Db, townshipId: string, year: number, deputyIds: string[]): Promise<Pick<SuggestionRow, 'id' | 'author_deputy_id' | 'kind' | 'title' | 'ref_no' | 'state' | 'submitted_at'>[]> {
  if (!deputyIds.length) return Promise.resolve([]);
  return db.selectFrom('suggestions').select(['id', 'author_deputy_id', 'kind', 'title', 'ref_no', 'state', 'submitted_at'])
    .where('township_id', '=', townshipId).where('year', '=', year).where('author_deputy_id', 'in', deputyIds)
    .where('state', 'not in', ['draft', 'withdrawn', 'returned']).orderBy('submitted_at').execute();
}

export async function countWhere(db: Db, townshipId: string, where: { year?: number; states?: SuggestionState[]; overdueOn?: string }): Promise<number> {
  let q = db.selectFrom('suggestions').select((eb) => eb.fn.countAll<number>().as('n')).where('township_id', '=', townshipId);
  if (where.year) q = q.where('year', '=', where.year);
  if (where.states) q = q.where('state', 'in', where.states);
  if (where.overdueOn) q = q.where('reply_due_on', '<', where.overdueOn);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

// ---- public ---------------------------------------------------------------------------------

export interface PublicRow {
  id: string;
  ref_no: string | null;
  year: number | null;
  kind: SuggestionRow['kind'];
  title: string;
  category: string | null;
  state: SuggestionState;
  submitted_at: string | null;
  assigned_on: string | null;
  reply_due_on: string | null;
  replied_on: string | null;
  grade: SuggestionRow['grade'];
  implementation: SuggestionRow['implementation'];
  closed_at: string | null;
  lead_unit_name: string | null;
}

/** Consented suggestions in public states; no personal fields are selected at all. */
export function listPublic(db: Db, townshipId: string, publicStates: readonly SuggestionState[], filter: { year?: number; refNo?: string }): Promise<PublicRow[]> {
  let q = db.selectFrom('suggestions').leftJoin('units', 'units.id', 'suggestions.lead_unit_id')
    .select([
      'suggestions.id', 'suggestions.ref_no', 'suggestions.year', 'suggestions.kind', 'suggestions.title', 'suggestions.category', 'suggestions.state',
      'suggestions.submitted_at', 'suggestions.assigned_on', 'suggestions.reply_due_on', 'suggestions.replied_on', 'suggestions.grade',
      'suggestions.implementation', 'suggestions.closed_at', 'units.name as lead_unit_name',
    ])
    .where('suggestions.township_id', '=', townshipId).where('suggestions.is_public', '=', true).where('suggestions.state', 'in', [...publicStates]);
  if (filter.year) q = q.where('suggestions.year', '=', filter.year);
  if (filter.refNo) q = q.where('suggestions.ref_no', '=', filter.refNo);
  return q.orderBy('suggestions.year', 'desc').orderBy('suggestions.seq', 'desc').limit(500).execute();
}

/** The latest reply text of each suggestion (for the portal). */
export async function latestReplyTexts(db: Db, suggestionIds: string[]): Promise<Map<string, string>> {
  if (!suggestionIds.length) return new Map();
  const rows = await db.selectFrom('suggestion_replies').select(['suggestion_id', 'round', 'content']).where('suggestion_id', 'in', suggestionIds).orderBy('round').execute();
  return new Map(rows.map((r) => [r.suggestion_id, r.content]));
}
