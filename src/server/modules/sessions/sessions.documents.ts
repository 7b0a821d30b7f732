import type { Kysely } from 'kysely';
import { formatChineseDate, formatSessionName } from '../../../domain/session-numbering.js';
import type { Actor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { buildOfficialDocument } from '../../documents/official-docx.js';
import * as service from './sessions.service.js';

/** A .docx file ready to send. */
export interface DocxFile {
  fileName: string;
  data: Buffer;
}

/**
 * The printable sign-in sheet (代表签到表) of a session: the seated deputies with 序号, 姓名,
 * 代表团或选区 and an empty 签名 column. Before the session opens it lists the deputies who
 * would be seated; afterwards the frozen list.
 */
export async function buildSignInSheet(db: Kysely<DB>, actor: Actor, sessionId: string): Promise<DocxFile> {
  const session = await service.loadSession(db, actor, sessionId);
  const township = await service.townshipName(db, session.township_id);
  const seats = await service.seatsOf(db, session);
  const name = formatSessionName({ term: session.term_number, sitting: session.sitting_number, body: township });
  const dates = session.end_date === session.start_date ? formatChineseDate(session.start_date) : `${formatChineseDate(session.start_date)}至${formatChineseDate(session.end_date)}`;
  const data = await buildOfficialDocument({
    title: `${name}\n代表签到表`,
    subtitle: `时间：${dates}\u3000地点：${session.place}`,
    blocks: [
      {
        type: 'table',
        columns: [
          { header: '序号', width: 10 },
          { header: '姓名', width: 22 },
          { header: '代表团或选区', width: 38 },
          { header: '签名', width: 30 },
        ],
        rows: seats.map((s) => [String(s.seq), s.deputy_name, s.constituency_name ?? '', '']),
        rowHeightMm: 10,
      },
      { type: 'paragraph', text: `应到代表${seats.length}人。`, indent: false },
    ],
  });
  return { fileName: `${name}签到表.docx`, data };
}

/**
 * A resolution (决议) as an official document: the title, the line stating when and by which
 * session it was adopted (or 草案 while not adopted), and its text.
 */
export async function buildResolutionDocument(db: Kysely<DB>, actor: Actor, resolutionId: string): Promise<DocxFile> {
  const { resolution, session, townshipName } = await service.loadResolutionForDocument(db, actor, resolutionId);
  const sessionName = formatSessionName({ term: session.term_number, sitting: session.sitting_number, body: townshipName });
  const subtitle = resolution.outcome === 'adopted' && resolution.adopted_on
    ? `（${formatChineseDate(resolution.adopted_on)}${sessionName}通过）`
    : resolution.outcome === 'rejected' ? '（未通过）' : '（草案）';
  const data = await buildOfficialDocument({
    title: resolution.title,
    subtitle,
    blocks: [{ type: 'paragraph', text: resolution.body }],
  });
  return { fileName: `${resolution.title}.docx`, data };
}
