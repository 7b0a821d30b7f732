import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { todayInShanghai } from '../../../domain/due-dates.js';
import type { Actor } from '../../auth/actor.js';
import { can } from '../../auth/policy.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { getDeputy } from '../deputies/deputies.service.js';
import { auditableOpinion, checkOpinionInputs, opinionRow } from './activities.service.js';
import * as repo from './duty.repository.js';

/** The letters and digits of a 代表码: easy to read aloud (no 0/o, 1/l/i). */
export const PUBLIC_CODE_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** A new 代表码: 10 letters and digits that are easy to read aloud. */
function newPublicCode(): string {
  return [...randomBytes(10)].map((b) => PUBLIC_CODE_ALPHABET[b % PUBLIC_CODE_ALPHABET.length]).join('');
}

/** The path of a deputy's public opinion form on the portal (rendered by the portal pages). */
export function opinionFormPath(publicCode: string): string {
  return `/d/${publicCode}`;
}

/**
 * A deputy's 代表码, made on first use and stable after: the deputy themselves, the office and
 * the presidium may see it (it is printed for voters). `rotate` (office) replaces a leaked one.
 */
export async function getPublicCode(db: Kysely<DB>, actor: Actor, deputyId: string, options: { rotate?: boolean } = {}): Promise<{ deputyId: string; publicCode: string }> {
  const deputy = await getDeputy(db, actor, deputyId);
  const isSelf = actor.role === 'deputy' && deputy.user_id === actor.id;
  // Another deputy's 代表码 does not exist for a deputy (bound to their own): 404, not 403.
  if (!isSelf && !can(actor, 'duty.read') && !can(actor, 'duty.manage')) throw actor.role === 'deputy' ? notFound('deputy') : new AppError('FORBIDDEN');
  if (options.rotate && !can(actor, 'duty.manage')) throw new AppError('FORBIDDEN');
  const existing = await repo.findPublicCodeOfDeputy(db, deputyId);
  if (existing && !options.rotate) return { deputyId, publicCode: existing.public_code };
  const row = { deputy_id: deputyId, township_id: deputy.township_id, public_code: newPublicCode(), created_at: nowIso() };
  await db.transaction().execute(async (trx) => {
    await repo.upsertPublicCode(trx, row);
    await writeAudit(trx, actor, { townshipId: deputy.township_id, action: options.rotate ? 'deputy.rotate_public_code' : 'deputy.create_public_code', entityType: 'deputy', entityId: deputyId });
  });
  return { deputyId, publicCode: row.public_code };
}

/** The deputy behind a public code, serving and in a live township, or 404. */
async function deputyOfCode(db: Kysely<DB>, publicCode: string) {
  const d = await repo.findDeputyByPublicCode(db, publicCode);
  if (!d || d.archived_at || (d.mandate_end && d.mandate_end < todayInShanghai())) throw notFound('deputy');
  return d;
}

/** What the public form shows: the deputy's name and level, the township and its villages. */
export async function getPublicDeputy(db: Kysely<DB>, publicCode: string) {
  const d = await deputyOfCode(db, publicCode);
  return {
    deputyName: d.deputy_name, level: d.level, constituencyName: d.constituency_name, townshipName: d.township_name, townshipCode: d.township_code,
    villages: await repo.listVillageNames(db, d.township_id),
  };
}

/** A resident's opinion sent to a deputy through the 代表码 form; returns the reference to look up the outcome. */
export async function submitPublicOpinion(db: Kysely<DB>, publicCode: string, input: { content: string; villageId?: string | null | undefined; residentName?: string | null | undefined; residentPhone?: string | null | undefined }): Promise<{ refNo: string; receivedOn: string }> {
  const d = await deputyOfCode(db, publicCode);
  const [phone] = await checkOpinionInputs(db, d.township_id, [input], '');
  const receivedOn = todayInShanghai();
  const row = opinionRow(d.township_id, input, phone ?? null, { source: 'portal', activityId: null, deputyId: d.deputy_id, receivedOn, createdBy: null, now: nowIso() });
  await db.transaction().execute(async (trx) => {
    await repo.insertOpinions(trx, [row]);
    await writeAudit(trx, null, { townshipId: d.township_id, action: 'resident_opinion.submit_public', entityType: 'resident_opinion', entityId: row.id, after: auditableOpinion(row) });
  });
  return { refNo: row.ref_no, receivedOn };
}

export type PublicOpinionStatus = 'received' | 'consolidated' | 'suggested' | 'settled';

/** The outcome of an opinion by its reference: status and outcome only, never content or personal data. */
export async function getPublicOpinionStatus(db: Kysely<DB>, refNo: string) {
  const o = await repo.findOpinionByRef(db, refNo);
  if (!o) throw notFound('resident_opinion');
  const status: PublicOpinionStatus = o.suggestion_id ? 'suggested' : o.closed_at ? 'settled' : o.consolidation_id ? 'consolidated' : 'received';
  return { o, status };
}
