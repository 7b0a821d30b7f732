import { addDays, compareDays } from '../../../domain/due-dates.js';
import type { DB } from '../../db/schema.js';
import type { DeputyRow } from '../../modules/deputies/deputies.repository.js';
import { PUBLIC_CODE_ALPHABET } from '../../modules/duty/duty.public.js';
import type { SyntheticContext } from './generate-more.js';
import { personName } from './names.js';

/**
 * The follow-up records around the core year that the summary and the portal read:
 *
 * - 分片挂点: the presidium's chair and vice-chair each look after part of the villages and a few
 *   deputies;
 * - 代表码: every seated township deputy's public code for the portal's opinion form;
 * - 督办 of suggestions answered late or still overdue, and the progress (落实) entries of
 *   suggestions being implemented or implemented;
 * - the village elections' guidance group (指导小组), the training of the villages' election
 *   staff, and written proxies (委托投票, at most three per holder, nobody both delegating and
 *   holding).
 *
 * Drawn from the township's forked rng, like generate-disclosure.ts: a seed gives the same rows.
 */

type Row<T extends keyof DB> = DB[T];

export interface FollowUpRows {
  area_assignments: Row<'area_assignments'>[];
  deputy_public_codes: Row<'deputy_public_codes'>[];
  suggestion_supervisions: Row<'suggestion_supervisions'>[];
  suggestion_progress: Row<'suggestion_progress'>[];
  election_guidance_members: Row<'election_guidance_members'>[];
  election_trainings: Row<'election_trainings'>[];
  election_training_attendees: Row<'election_training_attendees'>[];
  election_proxies: Row<'election_proxies'>[];
}

export const FOLLOW_UP_TABLES = [
  'area_assignments', 'deputy_public_codes', 'suggestion_supervisions', 'suggestion_progress', 'election_guidance_members', 'election_trainings',
  'election_training_attendees', 'election_proxies',
] as const satisfies readonly (keyof FollowUpRows)[];

export function emptyFollowUpRows(): FollowUpRows {
  return Object.fromEntries(FOLLOW_UP_TABLES.map((t) => [t, []])) as unknown as FollowUpRows;
}

const RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹'] as const;

interface Sources {
  villages: readonly Row<'villages'>[];
  deputies: readonly DeputyRow[];
  presidium: readonly Row<'presidium_members'>[];
  suggestions: readonly Row<'suggestions'>[];
  electionRounds: readonly Row<'election_rounds'>[];
  elections: readonly Row<'village_elections'>[];
  voters: readonly Row<'election_voters'>[];
}

function addAssignmentsAndCodes(c: SyntheticContext, rows: FollowUpRows, src: Sources): void {
  const { rng, townshipId } = c;
  const chair = src.presidium.find((p) => p.position === 'chair');
  const vice = src.presidium.find((p) => p.position === 'vice_chair');
  const seated = src.deputies.filter((d) => d.level === 'township' && !d.mandate_end);
  const leaders = [chair, vice].filter((p): p is Row<'presidium_members'> => p !== undefined);
  if (leaders.length) {
    const half = Math.ceil(src.villages.length / leaders.length);
    leaders.forEach((leader, li) => {
      const createdAt = c.at(leader.elected_on);
      for (const v of src.villages.slice(li * half, (li + 1) * half)) {
        rows.area_assignments.push({ id: c.id(createdAt), township_id: townshipId, leader_deputy_id: leader.deputy_id, village_id: v.id, deputy_id: null, created_at: createdAt, ended_at: null });
      }
      const others = seated.filter((d) => !leaders.some((l) => l.deputy_id === d.id));
      for (const d of rng.sample(others, Math.min(others.length, rng.int(2, 4)))) {
        if (rows.area_assignments.some((a) => a.deputy_id === d.id)) continue;
        rows.area_assignments.push({ id: c.id(createdAt), township_id: townshipId, leader_deputy_id: leader.deputy_id, village_id: null, deputy_id: d.id, created_at: createdAt, ended_at: null });
      }
    });
  }
  for (const d of seated) {
    const code = Array.from({ length: 10 }, () => PUBLIC_CODE_ALPHABET[rng.int(0, PUBLIC_CODE_ALPHABET.length - 1)]).join('');
    rows.deputy_public_codes.push({ deputy_id: d.id, township_id: townshipId, public_code: code, created_at: d.created_at });
  }
}

function addSuggestionFollowUps(c: SyntheticContext, rows: FollowUpRows, suggestions: readonly Row<'suggestions'>[]): void {
  const { rng, townshipId } = c;
  for (const s of suggestions) {
    if (!s.reply_due_on || !s.assigned_on) continue;
    // 督办: answered after the due day, or still unanswered past it.
    const lateReply = s.replied_on !== null && compareDays(s.replied_on, s.reply_due_on) > 0;
    const overdueOpen = s.replied_on === null && compareDays(s.reply_due_on, c.asOf) < 0;
    if (lateReply || overdueOpen) {
      const actedOn = addDays(s.reply_due_on, rng.int(1, 7));
      if (compareDays(actedOn, c.asOf) <= 0 && (!s.replied_on || compareDays(actedOn, s.replied_on) <= 0)) {
        const createdAt = c.at(actedOn);
        rows.suggestion_supervisions.push({
          id: c.id(createdAt), township_id: townshipId, suggestion_id: s.id, method: rng.pick(['reminder', 'letter', 'site_visit'] as const), acted_on: actedOn,
          note: '已超过答复期限，主席团督促承办单位抓紧办理并向代表说明原因。', recorded_by: c.officeId, created_at: createdAt,
        });
      }
    }
    // 落实: progress after the reply, and the day it was implemented.
    if (!s.replied_on || s.implementation === 'not_applicable' || s.implementation === 'pending') continue;
    const progressOn = addDays(s.replied_on, rng.int(10, 60));
    if (s.implementation === 'in_progress' && compareDays(progressOn, c.asOf) <= 0) {
      const createdAt = c.at(progressOn);
      rows.suggestion_progress.push({ id: c.id(createdAt), township_id: townshipId, suggestion_id: s.id, entry_on: progressOn, status: 'in_progress', content: '项目已列入计划，正在组织实施。', recorded_by: c.officeId, created_at: createdAt });
    }
    if (s.implementation === 'implemented' && s.implemented_on) {
      const createdAt = c.at(s.implemented_on);
      rows.suggestion_progress.push({ id: c.id(createdAt), township_id: townshipId, suggestion_id: s.id, entry_on: s.implemented_on, status: 'implemented', content: '建议事项已落实，代表现场查看后表示认可。', recorded_by: c.officeId, created_at: createdAt });
    }
  }
}

function addElectionFollowUps(c: SyntheticContext, rows: FollowUpRows, src: Sources): void {
  const { rng, townshipId } = c;
  const byId = new Map(src.deputies.map((d) => [d.id, d]));
  for (const round of src.electionRounds) {
    const voteDay = round.planned_vote_day;
    const createdAt = c.at(addDays(voteDay, -60));
    const chair = src.presidium.find((p) => p.position === 'chair');
    const vice = src.presidium.find((p) => p.position === 'vice_chair');
    const group: { deputy_id: string | null; name: string; role: 'leader' | 'deputy_leader' | 'member'; title: string | null }[] = [
      ...(chair ? [{ deputy_id: chair.deputy_id, name: byId.get(chair.deputy_id)?.name ?? personName(rng, 'male'), role: 'leader' as const, title: '镇人大主席' }] : []),
      ...(vice ? [{ deputy_id: vice.deputy_id, name: byId.get(vice.deputy_id)?.name ?? personName(rng, 'female'), role: 'deputy_leader' as const, title: '镇人大副主席' }] : []),
      { deputy_id: null, name: personName(rng, rng.chance(0.5) ? 'male' : 'female'), role: 'deputy_leader', title: '镇党委组织委员' },
      ...['民政办主任', '司法所所长', '派出所所长'].map((title) => ({ deputy_id: null, name: personName(rng, rng.chance(0.6) ? 'male' : 'female'), role: 'member' as const, title })),
    ];
    group.forEach((g, i) => rows.election_guidance_members.push({ id: c.id(createdAt), township_id: townshipId, round_id: round.id, ...g, seq: i + 1, created_at: createdAt }));

    const sessions = rng.int(1, 2);
    for (let k = 0; k < sessions; k++) {
      const heldOn = addDays(voteDay, -rng.int(25, 45) + k * 10);
      if (compareDays(heldOn, c.asOf) > 0) continue;
      const trainAt = c.at(heldOn);
      const trainingId = c.id(trainAt);
      rows.election_trainings.push({
        id: trainingId, township_id: townshipId, round_id: round.id, held_on: heldOn, topic: k === 0 ? '村民委员会选举法律法规和选举程序培训' : '选民登记、投票和计票工作实务培训',
        place: `${c.townshipName}人民政府会议室`, created_at: trainAt, archived_at: null,
      });
      for (const v of src.villages) {
        for (const duty of ['村民选举委员会主任', '村民选举委员会委员'].slice(0, rng.int(1, 2))) {
          rows.election_training_attendees.push({ id: c.id(trainAt), township_id: townshipId, training_id: trainingId, name: personName(rng, rng.chance(0.5) ? 'male' : 'female'), village_id: v.id, duty });
        }
      }
    }
  }

  // 委托投票: a few written proxies per village, from the village's own roll.
  const votersByElection = new Map<string, Row<'election_voters'>[]>();
  for (const v of src.voters) (votersByElection.get(v.election_id) ?? votersByElection.set(v.election_id, []).get(v.election_id)!).push(v);
  for (const e of src.elections) {
    const roll = votersByElection.get(e.id) ?? [];
    const n = Math.min(rng.int(0, 5), Math.floor(roll.length / 2));
    if (!n) continue;
    const picked = rng.sample(roll, n * 2);
    const createdAt = c.at(addDays(src.electionRounds.find((r) => r.id === e.round_id)?.planned_vote_day ?? c.asOf, -rng.int(3, 10)));
    for (let k = 0; k < n; k++) {
      rows.election_proxies.push({
        id: c.id(createdAt), township_id: townshipId, election_id: e.id, principal_voter_id: picked[2 * k]!.id, proxy_voter_id: picked[2 * k + 1]!.id,
        relation: rng.pick(RELATIONS), created_by: c.officeId, created_at: createdAt,
      });
    }
  }
}

export function addFollowUps(c: SyntheticContext, rows: FollowUpRows, src: Sources): void {
  addAssignmentsAndCodes(c, rows, src);
  addSuggestionFollowUps(c, rows, src.suggestions);
  addElectionFollowUps(c, rows, src);
}
