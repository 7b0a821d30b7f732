import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import { daysBetween, isValidDay, RECEPTION_ANNOUNCEMENT_DAYS, receptionAnnouncementOk, todayInShanghai, yearOfDay } from '../../../domain/due-dates.js';
import { isPhoneNumber, normalizePhone } from '../../../domain/phone.js';
import type { Actor } from '../../auth/actor.js';
import { can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { DB, DutyActivityKind, DutyOrganiser, OpinionSource } from '../../db/schema.js';
import { AppError, notFound, type FieldError } from '../../errors.js';
import { cleanFileName, UPLOAD_MIME, uploadsRoot, type Upload } from '../../http/uploads.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import * as repo from './duty.repository.js';

type Tx = Transaction<DB>;

/** 联系选民, 视察, 调研, 代表联络站接待, 代表小组活动, 学习. */
export const ACTIVITY_KIND_LABELS: Record<DutyActivityKind, string> = {
  voter_contact: '联系选民', inspection: '视察', research: '调研', reception: '代表联络站接待', group_activity: '代表小组活动', study: '学习',
};

export function fieldError(pathName: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', {}, [{ path: pathName, message }]);
}

function fieldErrors(fields: FieldError[]): void {
  if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
}

// ---- scope ---------------------------------------------------------------------------------

/**
 * What the actor sees of duty work: the office, presidium and county office everything of their
 * townships (duty.read); a deputy (duty.log) the activities they take part in or recorded and the
 * opinions addressed to them or collected by them; anyone else nothing (404 on a record).
 */
export async function scopeOf(db: Kysely<DB>, actor: Actor): Promise<repo.DutyScope> {
  const townshipIds = await visibleTownshipIds(db, actor);
  if (can(actor, 'duty.read') || can(actor, 'duty.manage')) return { townshipIds, visibility: 'all', userId: actor.id, deputyIds: [] };
  if (can(actor, 'duty.log')) return { townshipIds, visibility: 'own', userId: actor.id, deputyIds: await repo.deputyIdsOfUser(db, townshipIds, actor.id) };
  return { townshipIds: [], visibility: 'own', userId: actor.id, deputyIds: [] };
}

/** Lists need the township in scope (404) and a role that reads duty work at all (403). */
export async function assertCanList(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<repo.DutyScope> {
  await assertTownshipInScope(db, actor, townshipId);
  if (!can(actor, 'duty.read') && !can(actor, 'duty.manage') && !can(actor, 'duty.log')) throw new AppError('FORBIDDEN');
  return scopeOf(db, actor);
}

/** Random reference of a resident's opinion: unguessable, so the public lookup cannot be walked. */
export function newOpinionRef(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const bytes = randomBytes(10);
  return `M${[...bytes].map((b) => alphabet[b % alphabet.length]).join('')}`;
}

// ---- opinions as input -------------------------------------------------------------------

export interface OpinionInput {
  content: string;
  villageId?: string | null | undefined;
  category?: string | null | undefined;
  residentName?: string | null | undefined;
  residentPhone?: string | null | undefined;
  deputyId?: string | null | undefined;
}

/** Checks villages, deputies and phone numbers of opinions; returns the normalised phones. */
export async function checkOpinionInputs(db: Kysely<DB>, townshipId: string, inputs: OpinionInput[], prefix: string): Promise<(string | null)[]> {
  const villages = await repo.existingIds(db, 'villages', townshipId, inputs.map((o) => o.villageId).filter((v): v is string => Boolean(v)));
  const deputyIds = inputs.map((o) => o.deputyId).filter((v): v is string => Boolean(v));
  const deputies = new Set((await repo.findDeputies(db, townshipId, deputyIds)).map((d) => d.id));
  const problems: FieldError[] = [];
  const phones = inputs.map((o, i) => {
    if (o.villageId && !villages.has(o.villageId)) problems.push({ path: `${prefix}${i}.villageId`, message: '村（社区）不存在' });
    if (o.deputyId && !deputies.has(o.deputyId)) problems.push({ path: `${prefix}${i}.deputyId`, message: '代表不存在' });
    if (!o.residentPhone) return null;
    const phone = normalizePhone(o.residentPhone);
    if (!isPhoneNumber(phone)) problems.push({ path: `${prefix}${i}.residentPhone`, message: '电话号码格式不正确' });
    return phone;
  });
  fieldErrors(problems);
  return phones;
}

export function opinionRow(townshipId: string, input: OpinionInput, phone: string | null, o: {
  source: OpinionSource; activityId: string | null; deputyId: string | null; receivedOn: string; createdBy: string | null; now: string;
}): repo.OpinionRow {
  return {
    id: newId(), township_id: townshipId, year: yearOfDay(o.receivedOn), ref_no: newOpinionRef(), source: o.source, activity_id: o.activityId,
    deputy_id: o.deputyId, received_on: o.receivedOn, content: input.content, village_id: input.villageId ?? null, category: input.category || null,
    resident_name: input.residentName || null, resident_phone: phone, consolidation_id: null, closed_note: null, closed_at: null,
    created_by: o.createdBy, created_at: o.now, updated_at: o.now,
  };
}

/** What an audit row may say of an opinion: never the resident's name or phone. */
export function auditableOpinion(o: repo.OpinionRow): Record<string, unknown> {
  return { refNo: o.ref_no, source: o.source, activityId: o.activity_id, deputyId: o.deputy_id, villageId: o.village_id, hasContact: Boolean(o.resident_phone) };
}

// ---- activities ----------------------------------------------------------------------------

export interface ActivityInput {
  kind: DutyActivityKind;
  title?: string | undefined;
  heldOn: string;
  place: string;
  organiser?: DutyOrganiser | undefined;
  countyNotice?: string | null | undefined;
  groupId?: string | null | undefined;
  announcedOn?: string | null | undefined;
  deputyIds?: string[] | undefined;
  votersContacted?: number | undefined;
  sites?: { name: string; villageId?: string | null | undefined; note?: string | null | undefined }[] | undefined;
  materials?: string | null | undefined;
  notes?: string | null | undefined;
  reportAuthorDeputyId?: string | null | undefined;
  opinions?: OpinionInput[] | undefined;
}

export interface ActivityDetail {
  activity: repo.ActivityRow;
  participants: repo.ParticipantView[];
  sites: repo.SiteRow[];
  photos: repo.PhotoRow[];
  opinions: repo.OpinionView[];
  canEdit: boolean;
  canRevealContacts: boolean;
}

/**
 * Reception days (代表联络站接待日) are announced at least 3 days ahead (local liaison-station
 * rule): refused with the days it was announced ahead.
 */
function checkReception(kind: DutyActivityKind, heldOn: string, announcedOn: string | null | undefined): void {
  if (kind !== 'reception') return;
  if (!announcedOn) throw fieldError('announcedOn', '接待日须填写公告日期');
  if (!isValidDay(announcedOn)) throw fieldError('announcedOn', '日期无效');
  if (!receptionAnnouncementOk(announcedOn, heldOn)) {
    throw new AppError('RECEPTION_ANNOUNCEMENT_TOO_LATE', { days: daysBetween(announcedOn, heldOn), required: RECEPTION_ANNOUNCEMENT_DAYS });
  }
}

async function checkActivityRefs(db: Kysely<DB>, townshipId: string, input: Partial<ActivityInput>): Promise<void> {
  const problems: FieldError[] = [];
  if (input.heldOn && !isValidDay(input.heldOn)) problems.push({ path: 'heldOn', message: '日期无效' });
  const deputyIds = [...new Set([...(input.deputyIds ?? []), ...(input.reportAuthorDeputyId ? [input.reportAuthorDeputyId] : [])])];
  const found = new Set((await repo.findDeputies(db, townshipId, deputyIds)).map((d) => d.id));
  (input.deputyIds ?? []).forEach((d, i) => { if (!found.has(d)) problems.push({ path: `deputyIds.${i}`, message: '代表不存在' }); });
  if (input.reportAuthorDeputyId && !found.has(input.reportAuthorDeputyId)) problems.push({ path: 'reportAuthorDeputyId', message: '代表不存在' });
  if (input.groupId && !(await repo.existingIds(db, 'deputy_groups', townshipId, [input.groupId])).has(input.groupId)) problems.push({ path: 'groupId', message: '代表小组不存在' });
  const siteVillages = await repo.existingIds(db, 'villages', townshipId, (input.sites ?? []).map((s) => s.villageId).filter((v): v is string => Boolean(v)));
  (input.sites ?? []).forEach((s, i) => { if (s.villageId && !siteVillages.has(s.villageId)) problems.push({ path: `sites.${i}.villageId`, message: '村（社区）不存在' }); });
  fieldErrors(problems);
}

function siteRows(townshipId: string, activityId: string, sites: NonNullable<ActivityInput['sites']>): repo.SiteRow[] {
  return sites.map((s, i) => ({ id: newId(), township_id: townshipId, activity_id: activityId, position: i + 1, name: s.name, village_id: s.villageId ?? null, note: s.note ?? null }));
}

/** The actor's own deputy records in a township (a deputy acting for themselves). */
async function ownDeputyIds(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<string[]> {
  return actor.role === 'deputy' ? repo.deputyIdsOfUser(db, [townshipId], actor.id) : [];
}

/**
 * Records a duty activity (履职活动) with its participants, sites and the opinions collected in
 * it, in one transaction: the phone-first voter visit is this one call. The office records any
 * activity; a deputy records their own and is always among its participants.
 */
export async function createActivity(db: Kysely<DB>, actor: Actor, townshipId: string, input: ActivityInput): Promise<string> {
  await assertTownshipInScope(db, actor, townshipId);
  let deputyIds = [...new Set(input.deputyIds ?? [])];
  if (!can(actor, 'duty.manage')) {
    if (!can(actor, 'duty.log')) throw new AppError('FORBIDDEN');
    const own = await ownDeputyIds(db, actor, townshipId);
    if (!own.length) throw new AppError('FORBIDDEN');
    if (!deputyIds.some((d) => own.includes(d))) deputyIds = [own[0]!, ...deputyIds];
  }
  await checkActivityRefs(db, townshipId, { ...input, deputyIds });
  checkReception(input.kind, input.heldOn, input.announcedOn);
  const opinions = input.opinions ?? [];
  const phones = await checkOpinionInputs(db, townshipId, opinions, 'opinions.');
  const own = await ownDeputyIds(db, actor, townshipId);
  const collector = own.find((d) => deputyIds.includes(d)) ?? (deputyIds.length === 1 ? deputyIds[0]! : null);
  const now = nowIso();
  const row: repo.ActivityRow = {
    id: newId(), township_id: townshipId, year: yearOfDay(input.heldOn), kind: input.kind,
    title: input.title ?? `${ACTIVITY_KIND_LABELS[input.kind]}：${input.place}`, held_on: input.heldOn, place: input.place,
    organiser: input.organiser ?? (input.countyNotice ? 'county' : 'township'), county_notice: input.countyNotice || null, group_id: input.groupId ?? null,
    announced_on: input.kind === 'reception' ? input.announcedOn ?? null : input.announcedOn ?? null, voters_contacted: input.votersContacted ?? 0,
    materials: input.materials || null, notes: input.notes || null, report_author_deputy_id: input.reportAuthorDeputyId ?? null,
    created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
  };
  const opinionRows = opinions.map((o, i) => opinionRow(townshipId, o, phones[i]!, {
    source: 'activity', activityId: row.id, deputyId: (can(actor, 'duty.manage') ? o.deputyId : null) ?? collector, receivedOn: input.heldOn, createdBy: actor.id, now,
  }));
  await db.transaction().execute(async (trx) => {
    await repo.insertActivity(trx, row);
    await repo.replaceParticipants(trx, townshipId, row.id, deputyIds, now);
    await repo.replaceSites(trx, row.id, siteRows(townshipId, row.id, input.sites ?? []));
    await repo.insertOpinions(trx, opinionRows);
    await writeAudit(trx, actor, {
      townshipId, action: 'duty_activity.create', entityType: 'duty_activity', entityId: row.id,
      after: { ...row, deputyIds, sites: (input.sites ?? []).map((s) => s.name), opinions: opinionRows.map(auditableOpinion) },
    });
  });
  return row.id;
}

/** An activity the actor may see, or 404. */
export async function loadActivity(db: Kysely<DB>, actor: Actor, id: string): Promise<{ activity: repo.ActivityRow; scope: repo.DutyScope }> {
  const scope = await scopeOf(db, actor);
  const activity = await repo.findActivityInScope(db, id, scope);
  if (!activity) throw notFound('duty_activity');
  return { activity, scope };
}

/** The office edits any activity of its township; a deputy the ones they take part in or recorded. */
function canEditActivity(actor: Actor, scope: repo.DutyScope): boolean {
  if (can(actor, 'duty.manage')) return true;
  return can(actor, 'duty.log') && scope.visibility === 'own';
}

async function loadForEdit(db: Kysely<DB>, actor: Actor, id: string) {
  const l = await loadActivity(db, actor, id);
  if (!canEditActivity(actor, l.scope)) throw new AppError('FORBIDDEN');
  return l;
}

export async function getActivityDetail(db: Kysely<DB>, actor: Actor, id: string): Promise<ActivityDetail> {
  const { activity, scope } = await loadActivity(db, actor, id);
  const [participants, sites, photos, opinions] = await Promise.all([
    repo.listParticipants(db, [id]), repo.listSites(db, [id]), repo.listPhotos(db, [id]), repo.listOpinionsOfActivity(db, id),
  ]);
  return { activity, participants, sites, photos, opinions, canEdit: canEditActivity(actor, scope), canRevealContacts: can(actor, 'duty.manage') && can(actor, 'personal.reveal') };
}

export interface ActivityListItem {
  activity: repo.ActivityRow;
  participants: repo.ParticipantView[];
  siteNames: string[];
  opinionCount: number;
}

export async function listActivities(db: Kysely<DB>, actor: Actor, townshipId: string, filter: repo.ActivityFilter): Promise<{ items: ActivityListItem[]; total: number }> {
  const scope = await assertCanList(db, actor, townshipId);
  const { rows, total } = await repo.listActivities(db, townshipId, scope, filter);
  const ids = rows.map((r) => r.id);
  const [participants, sites, counts] = await Promise.all([repo.listParticipants(db, ids), repo.listSites(db, ids), repo.opinionCounts(db, ids)]);
  return {
    total,
    items: rows.map((a) => ({
      activity: a, participants: participants.filter((p) => p.activity_id === a.id),
      siteNames: sites.filter((s) => s.activity_id === a.id).map((s) => s.name), opinionCount: counts.get(a.id) ?? 0,
    })),
  };
}

/** Edits an activity; `deputyIds` and `sites` replace the lists when given. A deputy stays among the participants. */
export async function updateActivity(db: Kysely<DB>, actor: Actor, id: string, input: Partial<Omit<ActivityInput, 'kind' | 'opinions'>>): Promise<void> {
  const { activity } = await loadForEdit(db, actor, id);
  let deputyIds = input.deputyIds ? [...new Set(input.deputyIds)] : undefined;
  if (deputyIds && !can(actor, 'duty.manage')) {
    const own = await ownDeputyIds(db, actor, activity.township_id);
    const before = (await repo.listParticipants(db, [id])).map((p) => p.deputy_id);
    const kept = own.filter((d) => before.includes(d) && !deputyIds!.includes(d));
    deputyIds = [...kept, ...deputyIds];
  }
  await checkActivityRefs(db, activity.township_id, { ...input, ...(deputyIds ? { deputyIds } : {}) });
  const heldOn = input.heldOn ?? activity.held_on;
  const announcedOn = input.announcedOn !== undefined ? input.announcedOn : activity.announced_on;
  if (input.heldOn !== undefined || input.announcedOn !== undefined) checkReception(activity.kind, heldOn, announcedOn);
  const now = nowIso();
  const patch: Partial<repo.ActivityRow> = {
    ...(input.title ? { title: input.title } : {}), ...(input.heldOn ? { held_on: input.heldOn, year: yearOfDay(input.heldOn) } : {}),
    ...(input.place ? { place: input.place } : {}), ...(input.organiser ? { organiser: input.organiser } : {}),
    ...(input.countyNotice !== undefined ? { county_notice: input.countyNotice || null } : {}), ...(input.groupId !== undefined ? { group_id: input.groupId } : {}),
    ...(input.announcedOn !== undefined ? { announced_on: input.announcedOn } : {}), ...(input.votersContacted !== undefined ? { voters_contacted: input.votersContacted } : {}),
    ...(input.materials !== undefined ? { materials: input.materials || null } : {}), ...(input.notes !== undefined ? { notes: input.notes || null } : {}),
    ...(input.reportAuthorDeputyId !== undefined ? { report_author_deputy_id: input.reportAuthorDeputyId } : {}), updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateActivity(trx, id, patch);
    if (deputyIds) await repo.replaceParticipants(trx, activity.township_id, id, deputyIds, now);
    if (input.sites) await repo.replaceSites(trx, id, siteRows(activity.township_id, id, input.sites));
    await writeAudit(trx, actor, {
      townshipId: activity.township_id, action: 'duty_activity.update', entityType: 'duty_activity', entityId: id, before: activity,
      after: { ...patch, ...(deputyIds ? { deputyIds } : {}), ...(input.sites ? { sites: input.sites.map((s) => s.name) } : {}) },
    });
  });
}

/** Removes an activity from the lists (kept in the record); its opinions stay. */
export async function archiveActivity(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const { activity } = await loadForEdit(db, actor, id);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateActivity(trx, id, { archived_at: now, updated_at: now });
    await writeAudit(trx, actor, { townshipId: activity.township_id, action: 'duty_activity.archive', entityType: 'duty_activity', entityId: id, before: { title: activity.title } });
  });
}

/** Adds opinions collected in an activity (later than the visit log itself). */
export async function addActivityOpinions(db: Kysely<DB>, actor: Actor, id: string, opinions: OpinionInput[]): Promise<void> {
  const { activity } = await loadForEdit(db, actor, id);
  const phones = await checkOpinionInputs(db, activity.township_id, opinions, 'opinions.');
  const participants = (await repo.listParticipants(db, [id])).map((p) => p.deputy_id);
  const own = await ownDeputyIds(db, actor, activity.township_id);
  const collector = own.find((d) => participants.includes(d)) ?? (participants.length === 1 ? participants[0]! : null);
  const now = nowIso();
  const rows = opinions.map((o, i) => opinionRow(activity.township_id, o, phones[i]!, {
    source: 'activity', activityId: id, deputyId: (can(actor, 'duty.manage') ? o.deputyId : null) ?? collector, receivedOn: activity.held_on, createdBy: actor.id, now,
  }));
  await db.transaction().execute(async (trx: Tx) => {
    await repo.insertOpinions(trx, rows);
    await writeAudit(trx, actor, { townshipId: activity.township_id, action: 'duty_activity.add_opinions', entityType: 'duty_activity', entityId: id, after: { opinions: rows.map(auditableOpinion) } });
  });
}

// ---- photos -------------------------------------------------------------------------------

/** Stores an uploaded file under uploads/<township>/<uuid> (never under its own name). */
export async function storeUpload(dataDir: string, townshipId: string, upload: Upload): Promise<{ id: string; storageKey: string; target: string; fileName: string; mime: string; size: number; sha256: string }> {
  const id = newId();
  const storageKey = `${townshipId}/${id}`;
  const target = path.join(uploadsRoot(dataDir), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, upload.buffer, { flag: 'wx' });
  return {
    id, storageKey, target, fileName: cleanFileName(upload.filename, 'photo'), mime: UPLOAD_MIME[upload.kind], size: upload.buffer.length,
    sha256: createHash('sha256').update(upload.buffer).digest('hex'),
  };
}

export async function addPhoto(db: Kysely<DB>, actor: Actor, dataDir: string, id: string, upload: Upload): Promise<repo.PhotoRow> {
  const { activity } = await loadForEdit(db, actor, id);
  const f = await storeUpload(dataDir, activity.township_id, upload);
  const row: repo.PhotoRow = {
    id: f.id, township_id: activity.township_id, activity_id: id, file_name: f.fileName, mime: f.mime, size_bytes: f.size, sha256: f.sha256,
    storage_key: f.storageKey, uploaded_by: actor.id, created_at: nowIso(), archived_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertPhoto(trx, row);
      await writeAudit(trx, actor, { townshipId: activity.township_id, action: 'duty_activity.add_photo', entityType: 'duty_activity', entityId: id, after: { photoId: row.id, fileName: row.file_name } });
    });
  } catch (err) {
    await fs.rm(f.target, { force: true });
    throw err;
  }
  return row;
}

export async function getPhotoFile(db: Kysely<DB>, actor: Actor, dataDir: string, photoId: string): Promise<{ row: repo.PhotoRow; filePath: string }> {
  const row = await repo.findPhoto(db, photoId, await visibleTownshipIds(db, actor));
  if (!row || row.archived_at) throw notFound('photo');
  await loadActivity(db, actor, row.activity_id);
  return { row, filePath: path.join(uploadsRoot(dataDir), row.storage_key) };
}

export async function archivePhoto(db: Kysely<DB>, actor: Actor, photoId: string): Promise<void> {
  const row = await repo.findPhoto(db, photoId, await visibleTownshipIds(db, actor));
  if (!row || row.archived_at) throw notFound('photo');
  await loadForEdit(db, actor, row.activity_id);
  await db.transaction().execute(async (trx) => {
    await repo.archivePhoto(trx, photoId, nowIso());
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'duty_activity.remove_photo', entityType: 'duty_activity', entityId: row.activity_id, after: { photoId } });
  });
}

export const today = (): string => todayInShanghai();
