import type { Kysely } from 'kysely';
import { shanghaiDay } from '../../../domain/due-dates.js';
import type { DB } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { findTownshipByCode } from '../townships/townships.repository.js';
import { presentPublic, type ZPublicSuggestion } from './suggestions.presenter.js';
import * as repo from './suggestions.repository.js';
import { PUBLIC_STATES } from './suggestions.workflow.js';
import type { z } from 'zod';

type PublicSuggestion = z.infer<typeof ZPublicSuggestion>;

async function townshipIdOf(db: Kysely<DB>, code: string): Promise<string> {
  const t = await findTownshipByCode(db, code);
  if (!t || t.archived_at) throw notFound('township');
  return t.id;
}

/**
 * The public status of suggestions (代表法 第51-52条: handling made public): only those whose
 * author consented, in a registered-or-later state, without personal data.
 */
export async function listPublicSuggestions(db: Kysely<DB>, townshipCode: string, year?: number): Promise<PublicSuggestion[]> {
  const rows = await repo.listPublic(db, await townshipIdOf(db, townshipCode), PUBLIC_STATES, year ? { year } : {});
  const replies = await repo.latestReplyTexts(db, rows.map((r) => r.id));
  return rows.map((r) => presentPublic(r, replies.get(r.id) ?? null, shanghaiDay));
}

/** One consented suggestion by its public reference number, or 404. */
export async function getPublicSuggestion(db: Kysely<DB>, townshipCode: string, refNo: string): Promise<PublicSuggestion> {
  const rows = await repo.listPublic(db, await townshipIdOf(db, townshipCode), PUBLIC_STATES, { refNo });
  if (!rows[0]) throw notFound('suggestion');
  const replies = await repo.latestReplyTexts(db, [rows[0].id]);
  return presentPublic(rows[0], replies.get(rows[0].id) ?? null, shanghaiDay);
}
