import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { assertTownshipInScope } from '../../auth/scope.js';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { UPLOAD_MIME, type UploadKind } from '../../http/uploads.js';
import { newId, nowIso } from '../../ids.js';
import { writeAudit } from '../audit/audit.service.js';
import { cleanFileName, uploadsRoot } from '../../http/uploads.js';

/** Scope and ability, checked before the upload is read: an outsider learns nothing from how it is judged. */
export async function assertCanUploadImage(db: Kysely<DB>, actor: Actor, townshipId: string): Promise<void> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'article.write');
}

/** An image for an article (JPEG or PNG by its bytes), stored under uploads/<township>/articles/<id>. */
export async function uploadImage(
  db: Kysely<DB>, actor: Actor, dataDir: string, townshipId: string, file: { fileName: string; kind: UploadKind; data: Buffer },
): Promise<{ id: string; url: string }> {
  await assertTownshipInScope(db, actor, townshipId);
  authorize(actor, 'article.write');
  if (file.kind !== 'jpg' && file.kind !== 'png') throw new AppError('UPLOAD_TYPE_NOT_ALLOWED', { allowed: '.jpg、.png' });
  const id = newId();
  const storageKey = `${townshipId}/articles/${id}`;
  const target = path.join(uploadsRoot(dataDir), storageKey);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, file.data, { flag: 'wx' });
  const row = {
    id, township_id: townshipId, file_name: cleanFileName(file.fileName), mime: UPLOAD_MIME[file.kind], size_bytes: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'), storage_key: storageKey, uploaded_by: actor.id, created_at: nowIso(),
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('article_images').values(row).execute();
      await writeAudit(trx, actor, { townshipId, action: 'article.image_upload', entityType: 'article_image', entityId: id, after: { fileName: row.file_name, mime: row.mime, size: row.size_bytes } });
    });
  } catch (err) {
    await fs.rm(target, { force: true });
    throw err;
  }
  return { id, url: `/media/${id}` };
}

/** A stored image for the public /media/<id> path (images are public once uploaded). */
export async function findImageFile(db: Kysely<DB>, dataDir: string, id: string): Promise<{ mime: string; size: number; filePath: string } | null> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const row = await db.selectFrom('article_images').select(['mime', 'size_bytes', 'storage_key']).where('id', '=', id).executeTakeFirst();
  return row ? { mime: row.mime, size: row.size_bytes, filePath: path.join(uploadsRoot(dataDir), row.storage_key) } : null;
}
