import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateResidentId } from '../../src/domain/resident-id.js';
import { systemActor } from '../../src/server/auth/actor.js';
import type { DB, DeputyLevel } from '../../src/server/db/schema.js';
import { newId, nowIso } from '../../src/server/ids.js';
import type { SessionRow } from '../../src/server/modules/sessions/sessions.repository.js';
import { createSession } from '../../src/server/modules/sessions/sessions.service.js';
import { buildUser, type BuiltUser } from './factories.js';
import { insertDeputies } from '../../src/server/modules/deputies/deputies.repository.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国春梅晓燕志强红霞立新明华秀英文军海燕丽娟永刚玉兰德胜桂芳国庆淑珍卫东';

let seqCounter = 0;

export interface BuiltDeputy {
  id: string;
  name: string;
  constituencyId: string | null;
}

export interface DeputyOverrides {
  term?: number;
  level?: DeputyLevel;
  mandateStart?: string;
  mandateEnd?: string | null;
  /** Spread the deputies over this many constituencies (created for the call); 0 for none. */
  constituencies?: number;
}

/**
 * Inserts `n` deputies of a township directly (the deputies module owns their API), with valid
 * 身份证号 and distinct names. Defaults: 镇级, term 14, mandate from 2021-10-01, open-ended.
 */
export async function buildDeputies(db: Kysely<DB>, townshipId: string, n: number, overrides: DeputyOverrides = {}): Promise<BuiltDeputy[]> {
  const now = nowIso();
  const constituencyIds: string[] = [];
  for (let i = 0; i < (overrides.constituencies ?? 2); i++) {
    const id = newId();
    await db.insertInto('constituencies').values({
      id, township_id: townshipId, name: `第${i + 1}选区${randomBytes(2).toString('hex')}`, registered_voters: 1000, seats: Math.ceil(n / 2),
      created_at: now, updated_at: now, archived_at: null,
    }).execute();
    constituencyIds.push(id);
  }
  const rows = Array.from({ length: n }, (_, i) => {
    seqCounter++;
    const birth = `19${60 + (seqCounter % 35)}-0${1 + (seqCounter % 9)}-1${seqCounter % 9}`;
    const gender = i % 2 === 0 ? 'male' as const : 'female' as const;
    const name = `${SURNAMES[seqCounter % SURNAMES.length]}${GIVEN[(seqCounter * 7) % GIVEN.length]}${GIVEN[(seqCounter * 3 + i) % GIVEN.length]}${i + 1}`;
    return {
      id: newId(), township_id: townshipId, level: overrides.level ?? 'township' as const, term_number: overrides.term ?? 14, name, gender,
      ethnicity: '汉族', birth_date: birth, id_number: generateResidentId('110101', birth, seqCounter % 1000, gender),
      party: i % 3 === 0 ? '群众' : '中共党员', education: '大学', occupation: '农民', workplace: null,
      constituency_id: constituencyIds.length ? constituencyIds[i % constituencyIds.length]! : null, group_id: null, phone: null,
      mandate_start: overrides.mandateStart ?? '2021-10-01', mandate_end: overrides.mandateEnd ?? null, end_reason: overrides.mandateEnd ? '辞职' : null,
      has_government_post: false, user_id: null, created_at: now, updated_at: now,
    };
  });
  // Through the repository: 身份证号 and phone are stored sealed with their index (security/personal-data.ts).
  await insertDeputies(db, rows);
  return rows.map((r) => ({ id: r.id, name: r.name, constituencyId: r.constituency_id }));
}

/** A deputy login linked to the deputy row (deputies.user_id), as the deputies module will do. */
export async function buildDeputyUser(db: Kysely<DB>, townshipId: string, deputyId: string): Promise<BuiltUser> {
  const user = await buildUser(db, townshipId, 'deputy');
  await db.updateTable('deputies').set({ user_id: user.id }).where('id', '=', deputyId).execute();
  return user;
}

/** A planned session (default: term 14, sitting 4, on 2026-03-05 at the township hall). */
export async function buildSession(
  db: Kysely<DB>,
  townshipId: string,
  overrides: { term?: number; sitting?: number; startDate?: string; endDate?: string; place?: string } = {},
): Promise<SessionRow> {
  const startDate = overrides.startDate ?? '2026-03-05';
  return createSession(db, { ...systemActor('test'), townshipId }, townshipId, {
    termNumber: overrides.term ?? 14,
    sittingNumber: overrides.sitting ?? 4,
    startDate,
    endDate: overrides.endDate ?? startDate,
    place: overrides.place ?? '镇政府三楼会议室',
  });
}

/** A multipart/form-data body with one file field, for inject. */
export function multipartBody(fileName: string, data: Buffer, contentType = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----renda${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`, 'utf8'),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
