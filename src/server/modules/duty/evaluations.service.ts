import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { isValidDay, yearOfDay } from '../../../domain/due-dates.js';
import { formatChineseDate } from '../../../domain/session-numbering.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, can } from '../../auth/policy.js';
import { assertTownshipInScope, visibleTownshipIds } from '../../auth/scope.js';
import type { AttendeeCategory, DB } from '../../db/schema.js';
import { buildOfficialDocument, type Block } from '../../documents/official-docx.js';
import { AppError, notFound, type FieldError } from '../../errors.js';
import type { Upload } from '../../http/uploads.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { uploadsRoot } from '../../http/uploads.js';
import { fieldError, storeUpload } from './activities.service.js';
import * as repo from './duty.repository.js';
import { ATTENDEE_CATEGORIES } from './duty.schema.js';

/** 村干部, 村民小组长, 党员, 妇女, 青年, 群众代表, 其他. */
export const ATTENDEE_LABELS: Record<AttendeeCategory, string> = {
  village_cadre: '村干部', group_leader: '村民小组长', party_member: '党员', women: '妇女', youth: '青年', public_rep: '群众代表', other: '其他',
};

export type Attendees = Partial<Record<AttendeeCategory, number | undefined>>;

export interface EvaluationInput {
  heldOn: string;
  place: string;
  chairDeputyId?: string | null | undefined;
  chairName?: string | undefined;
  constituencyId?: string | null | undefined;
  deputyIds: string[];
  attendees: Attendees;
  voterOpinions?: string | null | undefined;
}

export interface EvaluationDetail {
  evaluation: repo.EvaluationRow;
  constituencyName: string | null;
  attendees: repo.AttendeeRow[];
  attendeesTotal: number;
  deputies: repo.EvaluatedView[];
  canManage: boolean;
}

function totalOf(attendees: { count: number }[]): number {
  return attendees.reduce((s, a) => s + a.count, 0);
}

/**
 * Who sees a 述职评议: the office, presidium and county office all of them (duty.read); a
 * deputy the ones they were evaluated in (the result is handed to them, 代表法 第58条).
 */
async function visibleEvaluation(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.EvaluationRow> {
  const e = await repo.findEvaluation(db, id, await visibleTownshipIds(db, actor));
  if (!e) throw notFound('duty_evaluation');
  if (can(actor, 'duty.read') || can(actor, 'duty.evaluate')) return e;
  if (actor.role === 'deputy') {
    const own = await repo.deputyIdsOfUser(db, [e.township_id], actor.id);
    if ((await repo.listEvaluated(db, [id])).some((d) => own.includes(d.deputy_id))) return e;
  }
  throw notFound('duty_evaluation');
}

async function detailOf(db: Kysely<DB>, actor: Actor, e: repo.EvaluationRow): Promise<EvaluationDetail> {
  const [attendees, deputies, constituency] = await Promise.all([
    repo.listAttendees(db, [e.id]), repo.listEvaluated(db, [e.id]), e.constituency_id ? repo.findConstituencyName(db, e.constituency_id) : Promise.resolve(undefined),
  ]);
  return { evaluation: e, constituencyName: constituency?.name ?? null, attendees, attendeesTotal: totalOf(attendees), deputies, canManage: can(actor, 'duty.evaluate') };
}

export async function getEvaluation(db: Kysely<DB>, actor: Actor, id: string): Promise<EvaluationDetail> {
  return detailOf(db, actor, await visibleEvaluation(db, actor, id));
}

export async function listEvaluations(db: Kysely<DB>, actor: Actor, townshipId: string, year?: number): Promise<EvaluationDetail[]> {
  await assertTownshipInScope(db, actor, townshipId);
  let deputyIds: string[] | undefined;
  if (!can(actor, 'duty.read') && !can(actor, 'duty.evaluate')) {
    if (actor.role !== 'deputy') throw new AppError('FORBIDDEN');
    deputyIds = await repo.deputyIdsOfUser(db, [townshipId], actor.id);
  }
  const rows = await repo.listEvaluations(db, townshipId, { ...(year ? { year } : {}), ...(deputyIds ? { deputyIds } : {}) });
  return Promise.all(rows.map((e) => detailOf(db, actor, e)));
}

async function checkInput(db: Kysely<DB>, townshipId: string, input: Partial<EvaluationInput>): Promise<{ chairName?: string }> {
  const problems: FieldError[] = [];
  if (input.heldOn && !isValidDay(input.heldOn)) problems.push({ path: 'heldOn', message: '日期无效' });
  const ids = [...new Set([...(input.deputyIds ?? []), ...(input.chairDeputyId ? [input.chairDeputyId] : [])])];
  const found = new Map((await repo.findDeputies(db, townshipId, ids)).map((d) => [d.id, d]));
  (input.deputyIds ?? []).forEach((d, i) => { if (!found.has(d)) problems.push({ path: `deputyIds.${i}`, message: '代表不存在' }); });
  if (input.chairDeputyId && !found.has(input.chairDeputyId)) problems.push({ path: 'chairDeputyId', message: '代表不存在' });
  if (input.constituencyId && !(await repo.existingIds(db, 'constituencies', townshipId, [input.constituencyId])).has(input.constituencyId)) {
    problems.push({ path: 'constituencyId', message: '选区不存在' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems);
  const chairName = input.chairName ?? (input.chairDeputyId ? found.get(input.chairDeputyId)!.name : undefined);
  return chairName ? { chairName } : {};
}

function attendeeRows(townshipId: string, evaluationId: string, attendees: Attendees): repo.AttendeeRow[] {
  return ATTENDEE_CATEGORIES.filter((c) => (attendees[c] ?? 0) > 0).map((category) => ({ township_id: townshipId, evaluation_id: evaluationId, category, count: attendees[category]! }));
}

/** Records a 述职评议 meeting: its deputies, chair, constituency and attendees by category. */
export async function createEvaluation(db: Kysely<DB>, actor: Actor, townshipId: string, input: EvaluationInput): Promise<string> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'duty.evaluate');
  const { chairName } = await checkInput(db, townshipId, input);
  if (!chairName) throw fieldError('chairName', '请填写主持人');
  const now = nowIso();
  const row: repo.EvaluationRow = {
    id: newId(), township_id: townshipId, year: yearOfDay(input.heldOn), held_on: input.heldOn, place: input.place, chair_deputy_id: input.chairDeputyId ?? null,
    chair_name: chairName, constituency_id: input.constituencyId ?? null, voter_opinions: input.voterOpinions || null, is_published: false, published_at: null,
    created_by: actor.id, created_at: now, updated_at: now, archived_at: null,
  };
  const deputyIds = [...new Set(input.deputyIds)];
  await db.transaction().execute(async (trx) => {
    await repo.insertEvaluation(trx, row);
    await repo.replaceAttendees(trx, row.id, attendeeRows(townshipId, row.id, input.attendees));
    await repo.insertEvaluated(trx, deputyIds.map((deputy_id, i) => emptyEvaluated(townshipId, row.id, deputy_id, i + 1)));
    await writeAudit(trx, actor, { townshipId, action: 'duty_evaluation.create', entityType: 'duty_evaluation', entityId: row.id, after: { ...row, deputyIds, attendees: input.attendees } });
  });
  return row.id;
}

function emptyEvaluated(townshipId: string, evaluationId: string, deputyId: string, position: number): repo.EvaluatedDeputyRow {
  return {
    township_id: townshipId, evaluation_id: evaluationId, deputy_id: deputyId, position, satisfied_count: null, basic_count: null, dissatisfied_count: null,
    evaluation_text: null, report_file_name: null, report_mime: null, report_size_bytes: null, report_sha256: null, report_storage_key: null,
    report_uploaded_at: null, rated_at: null,
  };
}

async function loadForChange(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.EvaluationRow> {
  const e = await visibleEvaluation(db, actor, id);
  authorize(actor, 'duty.evaluate');
  if (e.is_published) throw new AppError('EVALUATION_PUBLISHED');
  return e;
}

/** Ratings must fit the attendees: a rating count larger than those present is a typing error. */
function assertRatingsFit(deputies: { satisfied_count: number | null; basic_count: number | null; dissatisfied_count: number | null }[], attendees: number): void {
  for (const d of deputies) {
    const total = (d.satisfied_count ?? 0) + (d.basic_count ?? 0) + (d.dissatisfied_count ?? 0);
    if (total > attendees) throw new AppError('EVALUATION_RATINGS_EXCEED', { total, attendees });
  }
}

export async function updateEvaluation(db: Kysely<DB>, actor: Actor, id: string, input: Partial<EvaluationInput>): Promise<void> {
  const e = await loadForChange(db, actor, id);
  const { chairName } = await checkInput(db, e.township_id, input);
  const now = nowIso();
  const before = await repo.listEvaluated(db, [id]);
  const deputyIds = input.deputyIds ? [...new Set(input.deputyIds)] : null;
  if (input.attendees) {
    const kept = deputyIds ? before.filter((d) => deputyIds.includes(d.deputy_id)) : before;
    assertRatingsFit(kept, totalOf(attendeeRows(e.township_id, id, input.attendees)));
  }
  const patch: Partial<repo.EvaluationRow> = {
    ...(input.heldOn ? { held_on: input.heldOn, year: yearOfDay(input.heldOn) } : {}), ...(input.place ? { place: input.place } : {}),
    ...(input.chairDeputyId !== undefined ? { chair_deputy_id: input.chairDeputyId } : {}), ...(chairName ? { chair_name: chairName } : {}),
    ...(input.constituencyId !== undefined ? { constituency_id: input.constituencyId } : {}),
    ...(input.voterOpinions !== undefined ? { voter_opinions: input.voterOpinions || null } : {}), updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.updateEvaluation(trx, id, patch);
    if (input.attendees) await repo.replaceAttendees(trx, id, attendeeRows(e.township_id, id, input.attendees));
    if (deputyIds) {
      await repo.deleteEvaluated(trx, id, before.filter((d) => !deputyIds.includes(d.deputy_id)).map((d) => d.deputy_id));
      const known = new Set(before.map((d) => d.deputy_id));
      await repo.insertEvaluated(trx, deputyIds.filter((d) => !known.has(d)).map((d, i) => emptyEvaluated(e.township_id, id, d, before.length + i + 1)));
    }
    await writeAudit(trx, actor, { townshipId: e.township_id, action: 'duty_evaluation.update', entityType: 'duty_evaluation', entityId: id, before: e, after: { ...patch, ...(deputyIds ? { deputyIds } : {}), ...(input.attendees ? { attendees: input.attendees } : {}) } });
  });
}

/** The ratings (满意/基本满意/不满意) and written evaluation of one deputy; their sum may not exceed the attendees. */
export async function recordResult(db: Kysely<DB>, actor: Actor, id: string, deputyId: string, input: { satisfied: number; basicallySatisfied: number; dissatisfied: number; evaluation?: string | null | undefined }): Promise<void> {
  const e = await loadForChange(db, actor, id);
  const deputies = await repo.listEvaluated(db, [id]);
  if (!deputies.some((d) => d.deputy_id === deputyId)) throw notFound('deputy');
  const attendees = totalOf(await repo.listAttendees(db, [id]));
  const counts = { satisfied_count: input.satisfied, basic_count: input.basicallySatisfied, dissatisfied_count: input.dissatisfied };
  assertRatingsFit([counts], attendees);
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateEvaluated(trx, id, deputyId, { ...counts, evaluation_text: input.evaluation || null, rated_at: now });
    await repo.updateEvaluation(trx, id, { updated_at: now });
    await writeAudit(trx, actor, { townshipId: e.township_id, action: 'duty_evaluation.result', entityType: 'duty_evaluation', entityId: id, after: { deputyId, ...counts } });
  });
}

/** The deputy's report (述职报告) as a .docx or .pdf: by the office/presidium, or the deputy themselves. */
export async function uploadReport(db: Kysely<DB>, actor: Actor, dataDir: string, id: string, deputyId: string, upload: Upload): Promise<void> {
  const e = await visibleEvaluation(db, actor, id);
  const deputies = await repo.listEvaluated(db, [id]);
  const target = deputies.find((d) => d.deputy_id === deputyId);
  if (!target) throw notFound('deputy');
  const isSelf = actor.role === 'deputy' && target.user_id === actor.id;
  if (!isSelf && !can(actor, 'duty.evaluate')) throw new AppError('FORBIDDEN');
  if (e.is_published) throw new AppError('EVALUATION_PUBLISHED');
  const f = await storeUpload(dataDir, e.township_id, upload);
  try {
    await db.transaction().execute(async (trx) => {
      await repo.updateEvaluated(trx, id, deputyId, {
        report_file_name: f.fileName, report_mime: f.mime, report_size_bytes: f.size, report_sha256: f.sha256, report_storage_key: f.storageKey, report_uploaded_at: nowIso(),
      });
      await writeAudit(trx, actor, { townshipId: e.township_id, action: 'duty_evaluation.report', entityType: 'duty_evaluation', entityId: id, after: { deputyId, fileName: f.fileName } });
    });
  } catch (err) {
    await fs.rm(f.target, { force: true });
    throw err;
  }
}

export async function getReportFile(db: Kysely<DB>, actor: Actor, dataDir: string, id: string, deputyId: string): Promise<{ fileName: string; mime: string; size: number; filePath: string }> {
  await visibleEvaluation(db, actor, id);
  const d = (await repo.listEvaluated(db, [id])).find((x) => x.deputy_id === deputyId);
  if (!d?.report_storage_key) throw notFound('report');
  return { fileName: d.report_file_name!, mime: d.report_mime!, size: d.report_size_bytes!, filePath: path.join(uploadsRoot(dataDir), d.report_storage_key) };
}

/** Publishes the result on the portal (代表法 第58条: duty information made public), once every deputy is rated; or withdraws it. */
export async function setPublished(db: Kysely<DB>, actor: Actor, id: string, isPublished: boolean): Promise<void> {
  const e = await visibleEvaluation(db, actor, id);
  authorize(actor, 'duty.evaluate');
  if (e.is_published === isPublished) return;
  if (isPublished && (await repo.listEvaluated(db, [id])).some((d) => d.rated_at === null)) throw new AppError('EVALUATION_INCOMPLETE');
  const now = nowIso();
  await db.transaction().execute(async (trx) => {
    await repo.updateEvaluation(trx, id, { is_published: isPublished, published_at: isPublished ? now : null, updated_at: now });
    await writeAudit(trx, actor, { townshipId: e.township_id, action: isPublished ? 'duty_evaluation.publish' : 'duty_evaluation.unpublish', entityType: 'duty_evaluation', entityId: id });
  });
}

/** 满意率: (满意 + 基本满意) / votes, as a percentage with one decimal. */
export function satisfactionRate(d: { satisfied_count: number | null; basic_count: number | null; dissatisfied_count: number | null }): number | null {
  const total = (d.satisfied_count ?? 0) + (d.basic_count ?? 0) + (d.dissatisfied_count ?? 0);
  if (d.satisfied_count === null || total === 0) return null;
  return Math.round(((d.satisfied_count + (d.basic_count ?? 0)) / total) * 1000) / 10;
}

/**
 * The written result handed to the deputy (代表法 第58条 practice), as a GB/T 9704 document:
 * 关于XXX代表述职评议情况的通报, with the meeting, attendees by category, the ratings and the
 * written evaluation, signed by the presidium.
 */
export async function buildEvaluationDocument(db: Kysely<DB>, actor: Actor, id: string, deputyId: string): Promise<{ fileName: string; data: Buffer }> {
  const detail = await getEvaluation(db, actor, id);
  const d = detail.deputies.find((x) => x.deputy_id === deputyId);
  if (!d) throw notFound('deputy');
  if (d.rated_at === null) throw new AppError('EVALUATION_INCOMPLETE');
  const e = detail.evaluation;
  const township = (await repo.findTownshipNames(db, e.township_id))!;
  const votes = (d.satisfied_count ?? 0) + (d.basic_count ?? 0) + (d.dissatisfied_count ?? 0);
  const byCategory = detail.attendees.map((a) => `${ATTENDEE_LABELS[a.category]}${a.count}人`).join('、');
  const rate = satisfactionRate(d);
  const blocks: Block[] = [
    { type: 'paragraph', text: `${formatChineseDate(e.held_on)}，${township.name}人大主席团在${e.place}组织召开${detail.constituencyName ? `${detail.constituencyName}` : ''}代表述职评议会，会议由${e.chair_name}主持。参加会议的选民代表共${detail.attendeesTotal}人${byCategory ? `，其中${byCategory}` : ''}。` },
    { type: 'heading1', text: '述职情况' },
    { type: 'paragraph', text: `${d.deputy_name}代表向选民代表报告了本人依法履行代表职务的情况${d.report_file_name ? '（述职报告附后）' : ''}，并现场听取了选民代表的意见。` },
  ];
  if (e.voter_opinions) blocks.push({ type: 'heading1', text: '会前征集的选民意见' }, { type: 'paragraph', text: e.voter_opinions });
  blocks.push(
    { type: 'heading1', text: '测评结果' },
    { type: 'paragraph', text: `选民代表对${d.deputy_name}代表履职情况进行了现场测评，共收回测评票${votes}张，其中满意${d.satisfied_count ?? 0}票、基本满意${d.basic_count ?? 0}票、不满意${d.dissatisfied_count ?? 0}票${rate !== null ? `，满意率（含基本满意）为${rate}%` : ''}。` },
    {
      type: 'table',
      columns: [{ header: '满意', width: 25 }, { header: '基本满意', width: 25 }, { header: '不满意', width: 25 }, { header: '合计', width: 25 }],
      rows: [[String(d.satisfied_count ?? 0), String(d.basic_count ?? 0), String(d.dissatisfied_count ?? 0), String(votes)]],
    },
    { type: 'heading1', text: '评议意见' },
    { type: 'paragraph', text: d.evaluation_text ?? '（未录入）' },
  );
  const data = await buildOfficialDocument({
    title: `关于${d.deputy_name}代表述职评议情况的通报`, blocks, signature: `${township.name}人大主席团`, date: e.held_on, creator: township.name,
  });
  return { fileName: `关于${d.deputy_name}代表述职评议情况的通报.docx`, data };
}

/** Published 述职评议 results of a township for the portal: names, figures and the evaluation, nothing personal. */
export async function listPublicEvaluations(db: Kysely<DB>, townshipCode: string, year?: number): Promise<EvaluationDetail[]> {
  const t = await repo.findTownshipByCode(db, townshipCode);
  if (!t || t.archived_at) throw notFound('township');
  const rows = await repo.listEvaluations(db, t.id, { ...(year ? { year } : {}), publishedOnly: true });
  const [attendees, deputies] = await Promise.all([repo.listAttendees(db, rows.map((r) => r.id)), repo.listEvaluated(db, rows.map((r) => r.id))]);
  return Promise.all(rows.map(async (e) => {
    const a = attendees.filter((x) => x.evaluation_id === e.id);
    const c = e.constituency_id ? await repo.findConstituencyName(db, e.constituency_id) : undefined;
    return { evaluation: e, constituencyName: c?.name ?? null, attendees: a, attendeesTotal: totalOf(a), deputies: deputies.filter((x) => x.evaluation_id === e.id), canManage: false };
  }));
}
