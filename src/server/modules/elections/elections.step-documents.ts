import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { visibleTownshipIds } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { UPLOAD_MIME, type UploadKind } from '../../http/uploads.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { cleanFileName, uploadsRoot } from '../../http/uploads.js';
import * as repo from './elections.repository.js';
import { loadElection } from './elections.service.js';

/**
 * The documents of a calendar step: what the village posts and keeps as proof that the step was
 * done (a photo or scan of the published voter list on the notice board, the candidate
 * announcement, the village election committee's minutes). Scans and photos as .pdf/.jpg/.png,
 * written documents as .docx/.pdf.
 */
export const STEP_DOCUMENT_KINDS: UploadKind[] = ['pdf', 'docx', 'jpg', 'png'];
/** A phone photo or a multi-page scan: 20 MB at most. */
export const MAX_STEP_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** The election of a step in the actor's scope (a clerk: their own village's) and the step, or 404. */
async function loadStep(db: Kysely<DB>, actor: Actor, electionId: string, key: string): Promise<repo.ElectionRow> {
  const election = await loadElection(db, actor, electionId);
  const step = (await repo.listSteps(db, [electionId])).find((s) => s.step_key === key);
  if (!step) throw notFound('election_step');
  return election;
}

/** Checks scope, step and ability before the upload is read: an outsider learns nothing from how the file is judged. */
export async function assertMayUpload(db: Kysely<DB>, actor: Actor, electionId: string, key: string): Promise<void> {
  await loadStep(db, actor, electionId, key);
  authorize(actor, 'election.document');
}

export async function uploadStepDocument(
  db: Kysely<DB>, actor: Actor, dataDir: string, electionId: string, key: string, file: { fileName: string; kind: UploadKind; data: Buffer },
): Promise<repo.DocumentRow> {
  const election = await loadStep(db, actor, electionId, key);
  authorize(actor, 'election.document');
  if (!STEP_DOCUMENT_KINDS.includes(file.kind)) throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', { allowed: '.pdf、.docx、.jpg、.png' });
  const id = newId();
  const storageKey = `${election.township_id}/election-documents/${id}`;
  const target = path.join(uploadsRoot(dataDir), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.data, { flag: 'wx' });
  const row: repo.DocumentRow = {
    id, township_id: election.township_id, election_id: electionId, village_id: election.village_id, step_key: key,
    file_name: cleanFileName(file.fileName), mime: UPLOAD_MIME[file.kind], size_bytes: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'), storage_key: storageKey, uploaded_by: actor.id,
    uploaded_by_name: actor.displayName, created_at: nowIso(), archived_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await repo.insertDocument(trx, row);
      await writeAudit(trx, actor, { townshipId: election.township_id, action: 'election.document.upload', entityType: 'election_document', entityId: id, after: row });
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return row;
}

/** A document of an election the actor may see (a clerk: their own village's), or 404. */
async function loadDocument(db: Kysely<DB>, actor: Actor, id: string): Promise<repo.DocumentRow> {
  const row = await repo.findDocumentInScope(db, id, await visibleTownshipIds(db, actor));
  if (!row) throw notFound('election_document');
  // 404 for a clerk of another village, like the election itself.
  await loadElection(db, actor, row.election_id);
  return row;
}

export async function getStepDocumentFile(db: Kysely<DB>, actor: Actor, dataDir: string, id: string): Promise<{ row: repo.DocumentRow; filePath: string }> {
  const row = await loadDocument(db, actor, id);
  const filePath = path.join(uploadsRoot(dataDir), row.storage_key);
  // A row whose file is not in this installation's storage (a restored database without its files).
  try {
    await fs.access(filePath);
  } catch {
    throw notFound('election_document');
  }
  return { row, filePath };
}

/** Removes a document from its step; the file and the row stay for the record. */
export async function removeStepDocument(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const row = await loadDocument(db, actor, id);
  authorize(actor, 'election.document');
  await db.transaction().execute(async (trx) => {
    await repo.archiveDocument(trx, id, nowIso());
    await writeAudit(trx, actor, { townshipId: row.township_id, action: 'election.document.remove', entityType: 'election_document', entityId: id, before: row });
  });
}
