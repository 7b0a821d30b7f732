import type { Kysely } from 'kysely';
import { formatChineseDate } from '../../../domain/session-numbering.js';
import type { Actor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { buildOfficialDocument, type Block } from '../../documents/official-docx.js';
import type { DocxFile } from '../sessions/sessions.documents.js';
import { meetingName } from './presidium-meetings.presenter.js';
import * as service from './presidium-meetings.service.js';

const POSITION_LABEL = { chair: '主席', vice_chair: '副主席', member: '成员' } as const;

/**
 * The minutes of a presidium meeting as an official document (会议纪要, GB/T 9704-2012 layout):
 * 示例镇人大主席团会议纪要, the meeting's date, place, convener, attendance against the quorum,
 * its topics, the decision on each (会议议定事项), and the minutes text; signed by the presidium.
 */
export async function buildMinutesDocument(db: Kysely<DB>, actor: Actor, meetingId: string): Promise<DocxFile> {
  const d = await service.getMeeting(db, actor, meetingId);
  const m = d.meeting;
  const present = d.attendees.filter((a) => a.status === 'present');
  const absent = d.attendees.filter((a) => a.status === 'absent');
  const name = meetingName(m.meeting_date, d.numberInYear);
  const quorumLine = `主席团组成人员${d.quorum.members}人，出席${d.quorum.present}人，` + (d.quorum.hasQuorum
    ? '超过组成人员的三分之二，符合规定人数。'
    : `未超过组成人员的三分之二（至少需${d.quorum.threshold}人），不能形成决定。`);
  const blocks: Block[] = [
    { type: 'paragraph', text: `时间：${formatChineseDate(m.meeting_date)}` },
    { type: 'paragraph', text: `地点：${m.place}` },
    { type: 'paragraph', text: `召集人：${m.convened_by_name}` },
    { type: 'paragraph', text: `出席：${present.map((a) => `${a.deputy_name}（${POSITION_LABEL[a.position]}）`).join('、') || '无'}` },
  ];
  if (absent.length) blocks.push({ type: 'paragraph', text: `缺席：${absent.map((a) => `${a.deputy_name}（${a.absence_reason ?? ''}）`).join('、')}` });
  blocks.push({ type: 'paragraph', text: quorumLine });
  blocks.push({ type: 'paragraph', text: `${formatChineseDate(m.meeting_date)}，${m.convened_by_name}召集${d.townshipName}人大${name}，研究了以下议题。现将会议议定事项纪要如下：` });
  for (const t of d.topics) {
    blocks.push({ type: 'heading1', text: t.title });
    blocks.push({ type: 'paragraph', text: t.decision ?? '（本议题未形成决定）' });
  }
  if (m.minutes) {
    blocks.push({ type: 'heading1', text: '会议记录', numbered: false });
    blocks.push({ type: 'paragraph', text: m.minutes });
  }
  const data = await buildOfficialDocument({
    title: `${d.townshipName}人大主席团会议纪要`,
    subtitle: `（${name}）`,
    blocks,
    signature: `${d.townshipName}人大主席团`,
    date: m.meeting_date,
  });
  return { fileName: `${d.townshipName}人大主席团会议纪要（${m.meeting_date}）.docx`, data };
}
