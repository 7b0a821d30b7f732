import { planCalendar } from '../../../domain/election-calendar.js';
import { addDays, compareDays, formatDay } from '../../../domain/due-dates.js';
import { generateResidentId, maskResidentId } from '../../../domain/resident-id.js';
import { electionWinThreshold, firstRound, isElectionValid } from '../../../domain/village-election.js';
import type { DB, Gender, VillageOfficeKind } from '../../db/schema.js';
import { DEFAULT_PROFILE_KEY, findProfile } from '../../modules/elections/elections.profiles.js';
import { mobile, personName } from './names.js';
import type { Prng } from './prng.js';

/**
 * The records generate.ts adds after the core year: 协办 units of suggestions with their contacts
 * with the deputy, residents' opinions (民情意见) gathered in duty activities or sent to a deputy
 * and their 梳理归纳, and the village committee elections (村委会换届选举) of the latest round.
 * Like generate.ts, everything is drawn from the township's rng, so a seed gives the same rows.
 *
 * Personal data is generated in clear text and sealed by load.ts on insert (as the repositories
 * store it): resident_opinions.resident_phone, and election_voters.id_number_sealed and
 * id_number_index, which hold the plain 身份证号 until then.
 */

type Row<T extends keyof DB> = DB[T];

export interface MoreRows {
  resident_opinions: Row<'resident_opinions'>[];
  opinion_consolidations: Row<'opinion_consolidations'>[];
  election_rounds: Row<'election_rounds'>[];
  village_elections: Row<'village_elections'>[];
  election_steps: Row<'election_steps'>[];
  election_voters: Row<'election_voters'>[];
  election_candidates: Row<'election_candidates'>[];
  election_tally_entries: Row<'election_tally_entries'>[];
  election_box_counts: Row<'election_box_counts'>[];
}

export const MORE_TABLES = [
  'resident_opinions', 'opinion_consolidations', 'election_rounds', 'village_elections', 'election_steps', 'election_voters',
  'election_candidates', 'election_tally_entries', 'election_box_counts',
] as const satisfies readonly (keyof MoreRows)[];

/** What every part of a township's generation shares: its rng, day, ids and the office login. */
export interface SyntheticContext {
  rng: Prng;
  asOf: string;
  year: number;
  townshipId: string;
  townshipName: string;
  countyCode: string;
  officeId: string;
  officeName: string;
  at: (day: string) => string;
  id: (instant: string) => string;
}

const METHODS = ['visit', 'phone', 'meeting'] as const;

/**
 * 协办: about a quarter of the suggestions get one co-handling unit (assigned with the lead unit);
 * a co-unit that took part before the reply records its own contact with the deputy (代表法 第51条
 * asks the handling units to keep in touch with the deputy), between assignment and the reply.
 */
export function addCoUnits(c: SyntheticContext, rows: {
  suggestions: Row<'suggestions'>[];
  suggestion_units: Row<'suggestion_units'>[];
  suggestion_contacts: Row<'suggestion_contacts'>[];
}, unitIds: readonly string[]): void {
  const { rng } = c;
  for (const s of rows.suggestions) {
    if (!s.assigned_on || !s.lead_unit_id || !rng.chance(0.25)) continue;
    const others = unitIds.filter((u) => u !== s.lead_unit_id);
    if (!others.length) continue;
    const co = rng.pick(others);
    rows.suggestion_units.push({ township_id: c.townshipId, suggestion_id: s.id, unit_id: co, role: 'co', assigned_on: s.assigned_on, removed_at: null, created_at: c.at(s.assigned_on) });
    const last = s.replied_on ?? c.asOf;
    const contactDay = addDays(s.assigned_on, rng.int(3, 20));
    if (compareDays(contactDay, last) > 0) continue;
    const createdAt = c.at(contactDay);
    rows.suggestion_contacts.push({
      id: c.id(createdAt), township_id: c.townshipId, suggestion_id: s.id, unit_id: co, round: 1, contacted_on: contactDay, method: rng.pick(METHODS),
      note: '协办单位向代表说明配合办理的分工和进度', recorded_by: c.officeId, created_at: createdAt,
    });
  }
}

const OPINION_TEXTS: { category: string; text: (v: string) => string }[] = [
  { category: '交通', text: (v) => `${v}到镇上的道路坑洼多，雨天积水，希望尽快修补。` },
  { category: '城乡建设', text: (v) => `${v}村口一段没有路灯，晚上出行不方便。` },
  { category: '农业农村', text: (v) => `${v}的灌溉渠堵塞，春灌用水困难，希望组织清淤。` },
  { category: '医疗卫生', text: (v) => `${v}卫生室开药种类少，慢性病用药要跑到镇卫生院。` },
  { category: '社会保障', text: (v) => `${v}独居老人多，希望有人定期上门看看。` },
  { category: '生态环境', text: (v) => `${v}河边有人倾倒建筑垃圾，希望有人管一管。` },
  { category: '教育', text: (v) => `${v}孩子上学要过县道，上下学时段车多，担心安全。` },
];

/**
 * 民情意见: residents' opinions gathered at the township's voter-contact and reception activities,
 * plus some told to a deputy directly. Opinions of one category are partly consolidated (梳理归纳,
 * 2–4 at a time); a consolidation becomes a suggestion when a later suggestion of that category
 * exists; some other opinions were answered on the spot and closed.
 */
export function addOpinions(c: SyntheticContext, out: MoreRows, src: {
  activities: Row<'duty_activities'>[];
  activityDeputies: Row<'duty_activity_deputies'>[];
  villages: Row<'villages'>[];
  deputies: { id: string }[];
  suggestions: Row<'suggestions'>[];
}): void {
  const { rng } = c;
  const opinions: Row<'resident_opinions'>[] = [];
  const add = (receivedOn: string, source: 'activity' | 'direct', activityId: string | null, deputyId: string | null) => {
    const village = rng.pick(src.villages);
    const topic = rng.pick(OPINION_TEXTS);
    const gender: Gender = rng.chance(0.5) ? 'female' : 'male';
    const createdAt = c.at(receivedOn);
    const ref = Array.from({ length: 10 }, () => '23456789ABCDEFGHJKMNPQRSTUVWXYZ'[rng.int(0, 30)]).join('');
    opinions.push({
      id: c.id(createdAt), township_id: c.townshipId, year: Number(receivedOn.slice(0, 4)), ref_no: `M${ref}`, source, activity_id: activityId, deputy_id: deputyId,
      received_on: receivedOn, content: topic.text(village.name), village_id: village.id, category: topic.category,
      resident_name: personName(rng, gender), resident_phone: rng.chance(0.6) ? mobile(rng) : null, consolidation_id: null, closed_note: null, closed_at: null,
      created_by: c.officeId, created_at: createdAt, updated_at: createdAt,
    });
  };
  for (const a of src.activities) {
    if (a.kind !== 'voter_contact' && a.kind !== 'reception') continue;
    const n = rng.int(0, 3);
    for (let k = 0; k < n; k++) add(a.held_on, 'activity', a.id, null);
  }
  for (let k = rng.int(2, 8); k > 0; k--) {
    const day = formatDay(c.year, rng.int(1, 11), rng.int(1, 28));
    if (compareDays(day, c.asOf) > 0) continue;
    add(day, 'direct', null, rng.pick(src.deputies).id);
  }
  // 梳理归纳 by category, oldest first.
  const byCategory = new Map<string, Row<'resident_opinions'>[]>();
  for (const o of opinions) byCategory.set(o.category!, [...(byCategory.get(o.category!) ?? []), o]);
  for (const [category, list] of [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => compareDays(a.received_on, b.received_on));
    for (let i = 0; i + 1 < list.length; ) {
      const size = Math.min(list.length - i, rng.int(2, 4));
      const group = list.slice(i, i + size);
      i += size;
      if (!rng.chance(0.6)) continue;
      const lastDay = group[group.length - 1]!.received_on;
      const madeOn = minDay(addDays(lastDay, rng.int(3, 15)), c.asOf);
      const createdAt = c.at(madeOn);
      const later = src.suggestions.find((s) => s.category === category && s.raised_at === 'between_sessions' && compareDays(s.submitted_at!.slice(0, 10), madeOn) >= 0);
      const cid = c.id(createdAt);
      out.opinion_consolidations.push({
        id: cid, township_id: c.townshipId, year: Number(madeOn.slice(0, 4)), title: `关于${category}方面群众意见的梳理`,
        summary: `${group.length}条群众意见集中反映${category}方面的问题，建议转交有关单位研究办理。`, category, suggestion_id: later?.id ?? null,
        created_by: c.officeId, created_at: createdAt, updated_at: later ? later.submitted_at! : createdAt, archived_at: null,
      });
      for (const o of group) { o.consolidation_id = cid; o.updated_at = createdAt; }
    }
  }
  for (const o of opinions) {
    if (o.consolidation_id || !rng.chance(0.3)) continue;
    const day = minDay(addDays(o.received_on, rng.int(1, 10)), c.asOf);
    o.closed_at = c.at(day);
    o.closed_note = '已向群众当面解释有关政策，群众表示理解。';
    o.updated_at = o.closed_at;
  }
  out.resident_opinions.push(...opinions);
}

const minDay = (a: string, b: string): string => (compareDays(a, b) <= 0 ? a : b);

/**
 * 村委会换届选举 of the latest round on or before `asOf` (rounds every five years from 2021, the vote
 * in June): every village votes once, with a small roll (25–45 voters, so the county scale stays
 * fast), one ballot box, 差额 candidates (one more than the seats of each office), a valid turnout
 * (more than half of the registered, 村民委员会组织法 第15条) and winners with more than half of
 * the ballots cast, counted with domain/village-election.ts; both entries of the double entry match.
 */
export function addElections(c: SyntheticContext, out: MoreRows, villages: Row<'villages'>[]): void {
  const { rng } = c;
  const profile = findProfile(DEFAULT_PROFILE_KEY)!;
  let ey = c.year - (((c.year - 2021) % 5) + 5) % 5;
  let voteDay = formatDay(ey, 6, rng.int(10, 28));
  if (compareDays(voteDay, c.asOf) > 0) { ey -= 5; voteDay = formatDay(ey, 6, rng.int(10, 28)); }
  const createdAt = c.at(addDays(voteDay, -60));
  const roundId = c.id(createdAt);
  out.election_rounds.push({
    id: roundId, township_id: c.townshipId, name: `${ey}年村（居）民委员会换届选举`, year: ey, term_years: 5, profile_key: profile.key, planned_vote_day: voteDay,
    runoff_extra_candidates: 1, created_by: c.officeId, created_at: createdAt, updated_at: c.at(voteDay), archived_at: null,
  });
  const plan = planCalendar(profile.steps, voteDay);
  const usedIds = new Set<string>();
  for (const v of villages) {
    const eid = c.id(createdAt);
    const seats: [VillageOfficeKind, number][] = [['chair', 1], ['vice_chair', 1], ['member', rng.int(1, 3)]];
    plan.forEach((s, i) => out.election_steps.push({
      id: c.id(createdAt), township_id: c.townshipId, election_id: eid, step_key: s.key, seq: i + 1, planned_on: s.plannedOn,
      done_on: s.plannedOn && compareDays(s.plannedOn, c.asOf) <= 0 ? s.plannedOn : null, note: null, updated_at: c.at(minDay(s.plannedOn ?? voteDay, c.asOf)),
    }));
    // The roll.
    const registered = rng.int(25, 45);
    for (let k = 0; k < registered; k++) {
      const gender: Gender = rng.chance(0.49) ? 'female' : 'male';
      let plain = '';
      let birth = '';
      do {
        birth = formatDay(rng.int(ey - 80, ey - 18), rng.int(1, 12), rng.int(1, 28));
        plain = generateResidentId(c.countyCode, birth, rng.int(0, 999), gender);
      } while (usedIds.has(plain));
      usedIds.add(plain);
      const vAt = c.at(addDays(voteDay, -36));
      out.election_voters.push({
        id: c.id(vAt), township_id: c.townshipId, round_id: roundId, election_id: eid, seq: k + 1, name: personName(rng, gender), gender, birth_date: birth,
        id_number_sealed: plain, id_number_index: plain, id_number_masked: maskResidentId(plain),
        category: rng.weighted([['hukou_resident', 90], ['hukou_away', 7], ['non_hukou_resident', 3]] as const), villager_group: `第${rng.int(1, 6)}村民小组`,
        source_row: k + 2, created_at: vAt,
      });
    }
    // Candidates, one more than the seats of each office; the first member candidate is a woman and wins (a woman on every committee).
    const candAt = c.at(addDays(voteDay, -7));
    const cast = rng.int(Math.floor(registered * 0.8), Math.floor(registered * 0.95));
    if (!isElectionValid({ registered, cast })) throw new Error('synthetic election: turnout must be valid');
    const invalid = rng.int(0, 2);
    const valid = cast - invalid;
    const candidates: Row<'election_candidates'>[] = [];
    let seq = 0;
    for (const [office, n] of seats) {
      for (let k = 0; k <= n; k++) {
        const wins = k < n;
        const gender: Gender = office === 'member' && k === 0 ? 'female' : rng.chance(0.3) ? 'female' : 'male';
        // Winners take more than half of the ballots cast and up to 80 % of the valid ones, the one
        // loser 5–18 % of the valid ones: a ballot marks at most `n` names of the office.
        const needed = electionWinThreshold(cast);
        const votes = wins ? rng.int(needed, Math.max(needed, Math.floor(valid * 0.8))) : rng.int(Math.floor(valid * 0.05), Math.floor(valid * 0.18));
        candidates.push({
          id: c.id(candAt), township_id: c.townshipId, election_id: eid, office, name: personName(rng, gender), gender, seq: ++seq, first_votes: votes,
          is_runoff_candidate: false, runoff_votes: null, elected_in: null, is_tied: false, created_at: candAt, archived_at: null,
        });
      }
    }
    for (const [office, n] of seats) {
      const own = candidates.filter((x) => x.office === office);
      const result = firstRound({ cast, seats: n, candidates: own.map((x) => ({ id: x.id, votes: x.first_votes! })) });
      if (result.unfilled || result.tied.length) throw new Error('synthetic election: every seat must be filled in the first round');
      for (const x of own) if (result.elected.includes(x.id)) x.elected_in = 'first';
    }
    out.election_candidates.push(...candidates);
    const countedAt = c.at(voteDay);
    const votesJson = JSON.stringify(Object.fromEntries(candidates.map((x) => [x.id, x.first_votes])));
    const figures = { issued: cast + rng.int(0, 3), returned: cast, valid, invalid, votes_json: votesJson };
    for (const entry of [1, 2]) {
      out.election_tally_entries.push({
        id: c.id(countedAt), township_id: c.townshipId, election_id: eid, round: 'first', box_no: 1, entry_no: entry, clerk_user_id: c.officeId,
        clerk_name: c.officeName, ...figures, created_at: countedAt,
      });
    }
    out.election_box_counts.push({ id: c.id(countedAt), township_id: c.townshipId, election_id: eid, round: 'first', box_no: 1, ...figures, how: 'matched', resolved_by: null, created_at: countedAt });
    out.village_elections.push({
      id: eid, township_id: c.townshipId, round_id: roundId, village_id: v.id, seats_chair: 1, seats_vice_chair: 1, seats_member: seats[2]![1],
      ballot_boxes: 1, runoff_ballot_boxes: null, state: 'done', registered_frozen: registered, first_cast: cast, first_counted_at: countedAt,
      runoff_cast: null, runoff_counted_at: null, completed_on: voteDay, created_at: createdAt, updated_at: countedAt,
    });
  }
}
