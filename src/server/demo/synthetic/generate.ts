import { addDays, compareDays, formatDay, isOverdue } from '../../../domain/due-dates.js';
import { rehandleDueDate, replyDueDate } from '../../../domain/deadlines.js';
import { generateResidentId } from '../../../domain/resident-id.js';
import { searchDocument } from '../../../domain/search-text.js';
import { toChineseNumeral } from '../../../domain/session-numbering.js';
import { evaluateVote, quorumThreshold } from '../../../domain/votes.js';
import type { DB, SuggestionFeedback, SuggestionGrade, SuggestionState } from '../../db/schema.js';
import type { DeputyRow } from '../../modules/deputies/deputies.repository.js';
import type { TownshipPlace } from '../../modules/places/places.js';
import { DEFAULT_TOWNSHIP_SETTINGS } from '../../modules/townships/townships.service.js';
import { DEFAULT_DISCLOSURE_GRACE_DAYS } from '../../../domain/disclosure.js';
import { addDisclosureAndPortal, emptyDisclosureRows, type DisclosureRows } from './generate-disclosure.js';
import { addFollowUps, emptyFollowUpRows, type FollowUpRows } from './generate-followups.js';
import { addMotions, type HandedOnSuggestion, type MotionRows } from './generate-motions.js';
import { addCoUnits, addElections, addOpinions, type MoreRows } from './generate-more.js';
import { shortVillageName } from '../../../domain/village-names.js';
import { mobile, personName } from './names.js';
import type { Prng } from './prng.js';

/**
 * One township's year of records, legally consistent: deputies with valid 身份证号 in
 * constituencies of 1 to 3 seats (选举法 第25条), the congress session with a quorum of more than
 * two thirds (地方组织法 第14条) and votes passed by more than half of all deputies (第25条),
 * 议案 jointly signed by its seated deputies and put on the agenda or handed on as 建议 (第22条,
 * generate-motions.ts), suggestions with reply due dates from domain/deadlines.ts (3 months, 6
 * when difficult, 代表法 第51条) and replies on time or late against them, duty activities, 述职评议 and presidium
 * meetings. Everything is drawn from `rng` and `asOf`, so a seed gives the same rows every time.
 */

type Row<T extends keyof DB> = DB[T];

export interface TownshipRows extends MoreRows, MotionRows, DisclosureRows, FollowUpRows {
  townships: Row<'townships'>[];
  villages: Row<'villages'>[];
  units: Row<'units'>[];
  users: Row<'users'>[];
  constituencies: Row<'constituencies'>[];
  constituency_villages: Row<'constituency_villages'>[];
  deputy_groups: Row<'deputy_groups'>[];
  deputies: DeputyRow[];
  presidium_members: Row<'presidium_members'>[];
  congress_sessions: Row<'congress_sessions'>[];
  session_seats: Row<'session_seats'>[];
  agenda_items: Row<'agenda_items'>[];
  session_votes: Row<'session_votes'>[];
  resolutions: Row<'resolutions'>[];
  suggestions: Row<'suggestions'>[];
  suggestion_signers: Row<'suggestion_signers'>[];
  suggestion_units: Row<'suggestion_units'>[];
  suggestion_contacts: Row<'suggestion_contacts'>[];
  suggestion_replies: Row<'suggestion_replies'>[];
  suggestion_events: Row<'suggestion_events'>[];
  duty_activities: Row<'duty_activities'>[];
  duty_activity_deputies: Row<'duty_activity_deputies'>[];
  duty_activity_sites: Row<'duty_activity_sites'>[];
  duty_evaluations: Row<'duty_evaluations'>[];
  duty_evaluation_attendees: Row<'duty_evaluation_attendees'>[];
  duty_evaluation_deputies: Row<'duty_evaluation_deputies'>[];
  presidium_meetings: Row<'presidium_meetings'>[];
  presidium_meeting_attendees: Row<'presidium_meeting_attendees'>[];
  presidium_meeting_topics: Row<'presidium_meeting_topics'>[];
  /** Groups' leaders, set after the deputies exist (the two tables point at each other). */
  groupLeaders: { groupId: string; deputyId: string }[];
}

export function emptyRows(): TownshipRows {
  return {
    townships: [], villages: [], units: [], users: [], constituencies: [], constituency_villages: [], deputy_groups: [], deputies: [],
    presidium_members: [], congress_sessions: [], session_seats: [], agenda_items: [], motions: [], motion_signers: [], session_votes: [], resolutions: [], suggestions: [],
    suggestion_signers: [], suggestion_units: [], suggestion_contacts: [], suggestion_replies: [], suggestion_events: [], duty_activities: [],
    duty_activity_deputies: [], duty_activity_sites: [], duty_evaluations: [], duty_evaluation_attendees: [], duty_evaluation_deputies: [],
    presidium_meetings: [], presidium_meeting_attendees: [], presidium_meeting_topics: [], groupLeaders: [],
    resident_opinions: [], opinion_consolidations: [], election_rounds: [], village_elections: [], election_steps: [], election_voters: [],
    election_candidates: [], election_tally_entries: [], election_box_counts: [], ...emptyDisclosureRows(), ...emptyFollowUpRows(),
  };
}

export function mergeRows(into: TownshipRows, from: TownshipRows): void {
  for (const key of Object.keys(into) as (keyof TownshipRows)[]) (into[key] as unknown[]).push(...(from[key] as unknown[]));
}

export interface GenerateOptions {
  /** The day the data is "as of": nothing happens after it. */
  asOf: string;
  /** The office login's password hash (computed once per run; the same password for every township). */
  passwordHash: string;
}

/** An instant on a day, at a working hour drawn from rng (Asia/Shanghai 08:00–17:59 → UTC). */
function at(rng: Prng, day: string): string {
  const h = rng.int(0, 9);
  const m = rng.int(0, 59);
  return `${day}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
}

const ms = (instant: string): number => Date.parse(instant);

function dayInYear(rng: Prng, year: number, fromMonth: number, toMonth: number): string {
  const month = rng.int(fromMonth, toMonth);
  return formatDay(year, month, rng.int(1, 28));
}

const minDay = (a: string, b: string): string => (compareDays(a, b) <= 0 ? a : b);

/** A suggestion for generateTownship's workflow: an ordinary one, or a 议案 handed on (`motion` set). */
type FiledSuggestion = Omit<HandedOnSuggestion, 'motion'> & { atSession: boolean; motion?: HandedOnSuggestion['motion'] };

const STANDARD_UNITS: { name: string; type: 'gov_department' | 'station' | 'school'; enforcement: boolean }[] = [
  { name: '党政综合办公室', type: 'gov_department', enforcement: false },
  { name: '经济发展办公室', type: 'gov_department', enforcement: false },
  { name: '社会事务办公室', type: 'gov_department', enforcement: false },
  { name: '村镇建设办公室', type: 'gov_department', enforcement: true },
  { name: '综合行政执法队', type: 'gov_department', enforcement: true },
  { name: '财政所', type: 'station', enforcement: false },
  { name: '农业综合服务中心', type: 'station', enforcement: false },
  { name: '水利站', type: 'station', enforcement: true },
  { name: '卫生院', type: 'station', enforcement: false },
  { name: '中心小学', type: 'school', enforcement: false },
];

/** Suggestion topics by category, with the unit that handles them. */
const TOPICS: { category: string; unit: string; title: (v: string) => string; content: (v: string) => string }[] = [
  { category: '交通', unit: '村镇建设办公室', title: (v) => `关于硬化${v}通组道路的建议`, content: (v) => `${v}部分通组道路仍为砂石路面，雨天泥泞，群众出行和农产品运输困难，建议列入年度道路硬化计划。` },
  { category: '城乡建设', unit: '村镇建设办公室', title: (v) => `关于在${v}增设路灯的建议`, content: (v) => `${v}主干道夜间照明不足，群众夜间出行存在安全隐患，建议增设太阳能路灯。` },
  { category: '农业农村', unit: '农业综合服务中心', title: (v) => `关于修缮${v}农田灌溉水渠的建议`, content: (v) => `${v}灌溉水渠年久失修，渗漏严重，影响农田灌溉，建议安排资金维修。` },
  { category: '教育', unit: '中心小学', title: (v) => `关于改善${v}学生上学交通安全的建议`, content: (v) => `${v}学生上学途经县道，车流量大，建议设置减速带和警示标志，上下学时段安排护导。` },
  { category: '医疗卫生', unit: '卫生院', title: (v) => `关于充实${v}卫生室常用药品的建议`, content: (v) => `${v}卫生室常用药品种类不全，老年群众看病取药需到镇上，建议充实基本药物配备。` },
  { category: '社会保障', unit: '社会事务办公室', title: (v) => `关于在${v}建设老年人日间照料中心的建议`, content: (v) => `${v}留守老人较多，日常照料困难，建议利用闲置村部建设日间照料中心。` },
  { category: '生态环境', unit: '综合行政执法队', title: (v) => `关于整治${v}河道垃圾的建议`, content: (v) => `${v}河道沿线垃圾堆积，影响水质和村容村貌，建议开展专项整治并建立长效保洁机制。` },
  { category: '农业农村', unit: '水利站', title: (v) => `关于解决${v}饮水管网老化问题的建议`, content: (v) => `${v}饮水管网铺设时间较早，经常爆管停水，建议对老化管网进行改造。` },
];

const ACTIVITY_KINDS: readonly (readonly ['voter_contact' | 'inspection' | 'research' | 'reception' | 'group_activity' | 'study', number])[] = [
  ['voter_contact', 40], ['reception', 20], ['inspection', 12], ['research', 10], ['group_activity', 12],
];

/** 集中学习: what the deputies study together in a year (a few sessions, at the township). */
const STUDY_TOPICS = [
  '学习《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》', '学习宪法和地方组织法有关乡镇人大的规定', '学习县人民代表大会会议精神',
  '代表建议写作和办理流程培训', '学习《中华人民共和国村民委员会组织法》', '学习预算法和乡镇财政预算审查监督知识',
] as const;


const ACTIVITY_TITLES: Record<string, (v: string) => string> = {
  voter_contact: (v) => `走访${v}选民，听取意见建议`,
  reception: (v) => `代表联络站接待选民（${v}）`,
  inspection: (v) => `视察${v}人居环境整治工作`,
  research: (v) => `调研${v}特色产业发展情况`,
  group_activity: (v) => `代表小组在${v}开展集中活动`,
  study: () => '代表履职学习培训',
};

/** Term (届) and sitting (次) of a township congress in a year: terms elected 2022, 2027, … for five years. */
export function termOf(year: number): { term: number; sitting: number; electedYear: number } {
  const offset = year - 2022;
  const term = 14 + Math.floor(offset / 5);
  const sitting = (((offset % 5) + 5) % 5) + 1;
  return { term, sitting, electedYear: year - sitting + 1 };
}

/** Builds one township's rows. */
export function generateTownship(rng: Prng, place: TownshipPlace, opts: GenerateOptions): TownshipRows {
  const out = emptyRows();
  const asOf = opts.asOf;
  const year = Number(asOf.slice(0, 4));
  const { term, sitting, electedYear } = termOf(year);
  const electedOn = formatDay(electedYear, 1, rng.int(8, 20));
  const createdAt = at(rng, electedOn);
  const id = (instant: string) => rng.uuid(ms(instant));

  // ---- township, villages, units, office login ----
  const townshipId = id(createdAt);
  out.townships.push({
    id: townshipId, code: place.code, name: place.name, county_code: place.countyCode, county_name: place.countyName, city_name: place.cityName,
    province_name: place.provinceName, is_demo: true, settings_json: JSON.stringify(DEFAULT_TOWNSHIP_SETTINGS), created_at: createdAt, updated_at: createdAt, archived_at: null,
  });
  const villages = (place.villages.length ? place.villages : [{ code: null, name: `${place.name}居委会`, kind: 'community' as const }]).map((v, i) => ({
    id: id(createdAt), township_id: townshipId, code: v.code, name: v.name, kind: v.kind, sort_order: i + 1, created_at: createdAt, updated_at: createdAt, archived_at: null,
  }));
  out.villages.push(...villages);
  for (const v of villages) {
    out.units.push({ id: id(createdAt), township_id: townshipId, name: v.name, type: 'village_committee', has_enforcement_power: false, village_id: v.id, contact_person: null, contact_phone: null, created_at: createdAt, updated_at: createdAt, archived_at: null });
  }
  const unitByName = new Map<string, string>();
  for (const u of STANDARD_UNITS) {
    const unitId = id(createdAt);
    const name = u.type === 'school' ? `${place.name}${u.name}` : u.name;
    unitByName.set(u.name, unitId);
    out.units.push({ id: unitId, township_id: townshipId, name, type: u.type, has_enforcement_power: u.enforcement, village_id: null, contact_person: null, contact_phone: null, created_at: createdAt, updated_at: createdAt, archived_at: null });
  }
  const officeId = id(createdAt);
  out.users.push({
    id: officeId, township_id: townshipId, county_code: null, username: `office${place.code}`, display_name: personName(rng, rng.chance(0.6) ? 'female' : 'male'),
    role: 'office', unit_id: null, village_id: null, password_hash: opts.passwordHash, must_change_password: false, failed_login_count: 0, locked_until: null,
    is_active: true, last_login_at: null, created_at: createdAt, updated_at: createdAt, email: null,
  });

  // ---- constituencies (1–3 seats each) and deputies ----
  const voters = villages.map(() => rng.int(700, 3200));
  const population = Math.round(voters.reduce((a, b) => a + b, 0) * 1.3);
  // 乡镇人大代表名额: a base of 40 plus one per 1,500 people, at most 160 (选举法 第12条).
  const seats = Math.min(160, 40 + Math.floor(population / 1500));
  const constituencyCount = Math.max(Math.ceil(seats / 3), Math.min(villages.length, seats));
  const seatList = Array.from({ length: constituencyCount }, () => 1);
  for (let left = seats - constituencyCount, i = 0; left > 0; i = (i + 1) % constituencyCount) if (seatList[i]! < 3) { seatList[i]!++; left--; }
  const constituencies = seatList.map((s, i) => ({
    id: id(createdAt), township_id: townshipId, name: `第${i + 1}选区`, registered_voters: 0, seats: s, created_at: createdAt, updated_at: createdAt, archived_at: null,
  }));
  // Villages are shared out over the constituencies in order; a large village may span several.
  villages.forEach((v, i) => {
    const c = constituencies[Math.floor((i * constituencies.length) / villages.length)]!;
    out.constituency_villages.push({ township_id: townshipId, constituency_id: c.id, village_id: v.id });
    c.registered_voters += voters[i]!;
  });
  for (let ci = 0; ci < constituencies.length; ci++) {
    const c = constituencies[ci]!;
    if (c.registered_voters === 0) {
      const v = villages[Math.min(villages.length - 1, Math.floor((ci * villages.length) / constituencies.length))]!;
      out.constituency_villages.push({ township_id: townshipId, constituency_id: c.id, village_id: v.id });
      c.registered_voters = rng.int(600, 1500);
    }
  }
  out.constituencies.push(...constituencies);

  const groups = Array.from({ length: Math.max(1, Math.floor(constituencies.length / 4)) }, (_, i) => ({
    id: id(createdAt), township_id: townshipId, name: `第${i + 1}代表小组`, leader_deputy_id: null, created_at: createdAt, updated_at: createdAt, archived_at: null,
  }));
  out.deputy_groups.push(...groups);

  const occupations = ['农民', '农民', '工人', '专业技术人员', '党政机关干部', '企业负责人', '村（社区）干部', '村（社区）干部', '其他'];
  const usedIds = new Set<string>();
  const makeDeputy = (level: 'township' | 'county', termNumber: number, constituencyId: string | null, groupId: string | null, mandateStart: string): DeputyRow => {
    const gender = rng.chance(0.32) ? 'female' : 'male';
    let idNumber = '';
    let birth = '';
    do {
      birth = formatDay(rng.int(1962, 1996), rng.int(1, 12), rng.int(1, 28));
      idNumber = generateResidentId(place.countyCode, birth, rng.int(0, 999), gender);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    const occupation = rng.pick(occupations);
    return {
      id: id(createdAt), township_id: townshipId, level, term_number: termNumber, name: personName(rng, gender), gender,
      ethnicity: rng.chance(0.93) ? '汉族' : rng.pick(['回族', '满族', '壮族', '土家族', '苗族', '蒙古族']), birth_date: birth, id_number: idNumber,
      party: rng.weighted([['中共党员', 66], ['群众', 22], ['民主党派', 4], ['无党派人士', 5], ['共青团员', 3]] as const), education: rng.pick(['大学本科', '大学专科', '高中', '中专', '初中', '研究生']),
      occupation, workplace: occupation === '农民' ? null : `${place.name}${occupation === '村（社区）干部' ? rng.pick(villages).name : rng.pick(STANDARD_UNITS).name}`,
      constituency_id: constituencyId, group_id: groupId, phone: mobile(rng), mandate_start: mandateStart, mandate_end: null, end_reason: null,
      has_government_post: occupation === '党政机关干部', user_id: null, created_at: createdAt, updated_at: createdAt,
    };
  };
  constituencies.forEach((c, ci) => {
    const group = groups[ci % groups.length]!;
    for (let s = 0; s < c.seats; s++) out.deputies.push(makeDeputy('township', term, c.id, group.id, electedOn));
  });
  // One or two mandates ended during the term (moved away, resigned): the seat stays vacant.
  for (const d of rng.sample(out.deputies, rng.int(0, 2))) {
    d.mandate_end = formatDay(electedYear + rng.int(1, Math.max(1, year - electedYear)), rng.int(1, 12), rng.int(1, 28));
    if (compareDays(d.mandate_end, asOf) > 0) d.mandate_end = addDays(asOf, -rng.int(30, 200));
    if (compareDays(d.mandate_end, d.mandate_start) <= 0) d.mandate_end = addDays(d.mandate_start, 400);
    d.end_reason = rng.pick(['迁出本行政区域', '辞去代表职务']);
  }
  // County deputies elected in the township (县级人大代表).
  const countyTerm = 18 + Math.floor((year - 2021) / 5);
  for (let i = rng.int(3, 6); i > 0; i--) out.deputies.push(makeDeputy('county', countyTerm, null, null, formatDay(electedYear - 1, 12, rng.int(10, 28))));
  const township = out.deputies.filter((d) => d.level === 'township');
  for (const g of groups) {
    const members = township.filter((d) => d.group_id === g.id);
    if (members.length) out.groupLeaders.push({ groupId: g.id, deputyId: members[0]!.id });
  }

  // ---- presidium (主席团): a chair and vice-chair without government posts, members ----
  const sessionLabel = `第${term}届人民代表大会第一次会议`;
  const presidium = rng.sample(township.filter((d) => !d.mandate_end), 7);
  const electable = presidium.filter((d) => !d.has_government_post);
  const chair = electable[0] ?? presidium[0]!;
  chair.has_government_post = false;
  const vice = presidium.find((d) => d !== chair && !d.has_government_post) ?? presidium[1]!;
  vice.has_government_post = false;
  for (const d of presidium) {
    out.presidium_members.push({
      id: id(createdAt), township_id: townshipId, term_number: term, session_label: sessionLabel, elected_on: electedOn, deputy_id: d.id,
      position: d === chair ? 'chair' : d === vice ? 'vice_chair' : 'member', created_at: createdAt, archived_at: null,
    });
  }

  // ---- the year's congress session: quorum, votes, resolutions ----
  const sessionStart = formatDay(year, rng.int(1, 2), rng.int(5, 25));
  const sessionEnd = addDays(sessionStart, rng.int(0, 1));
  const sessionHeld = compareDays(sessionEnd, asOf) < 0;
  const openedAt = at(rng, sessionStart);
  const sessionId = id(openedAt);
  const seated = township.filter((d) => !d.mandate_end || compareDays(d.mandate_end, sessionStart) >= 0);
  const threshold = quorumThreshold(seated.length);
  let absentCount = rng.int(0, Math.min(6, seated.length - threshold));
  const seatRows = seated.map((d, i) => {
    const away = absentCount > 0 && rng.chance(0.3) ? (absentCount--, true) : false;
    const status = !sessionHeld ? 'unmarked' as const : away ? (rng.chance(0.8) ? 'leave' as const : 'absent' as const) : 'present' as const;
    return {
      township_id: townshipId, session_id: sessionId, deputy_id: d.id, seq: i + 1, deputy_name: d.name,
      constituency_name: constituencies.find((c) => c.id === d.constituency_id)?.name ?? null, status,
      leave_reason: status === 'leave' ? rng.pick(['因病请假', '因公外出', '家中有事']) : null,
      check_in_method: status === 'present' ? (rng.chance(0.85) ? 'qr' as const : 'staff' as const) : null,
      checked_in_at: status === 'present' ? openedAt : null, recorded_by: status === 'present' ? null : officeId, updated_at: openedAt,
    };
  });
  const present = seatRows.filter((s) => s.status === 'present').length;
  out.congress_sessions.push({
    id: sessionId, township_id: townshipId, term_number: term, sitting_number: sitting, start_date: sessionStart, end_date: sessionEnd,
    place: `${place.name}人民政府会议室`, notes: null, state: sessionHeld ? 'closed' : 'planned', seated_count: sessionHeld ? seated.length : null,
    checkin_token: null, opened_at: sessionHeld ? openedAt : null, closed_at: sessionHeld ? at(rng, sessionEnd) : null, created_at: at(rng, addDays(sessionStart, -20)), updated_at: openedAt,
  });
  if (sessionHeld) out.session_seats.push(...seatRows);
  const agenda: { kind: 'government_report' | 'presidium_report' | 'budget' | 'other'; title: string; resolution: string }[] = [
    { kind: 'government_report', title: `审议${place.name}人民政府工作报告`, resolution: `${place.name}第${toChineseNumeral(term)}届人民代表大会第${toChineseNumeral(sitting)}次会议关于政府工作报告的决议` },
    { kind: 'presidium_report', title: `审议${place.name}人大主席团工作报告`, resolution: `关于${place.name}人大主席团工作报告的决议` },
    { kind: 'budget', title: `审查和批准${year - 1}年财政预算执行情况和${year}年财政预算`, resolution: `关于${year - 1}年财政预算执行情况和${year}年财政预算的决议` },
  ];
  agenda.forEach((a, i) => {
    const itemId = id(openedAt);
    out.agenda_items.push({ id: itemId, township_id: townshipId, session_id: sessionId, position: i + 1, kind: a.kind, title: a.title, description: null, motion_id: null, created_at: openedAt, updated_at: openedAt, archived_at: null });
    if (!sessionHeld) return;
    const no = rng.int(0, 2);
    const abstain = rng.int(0, 3);
    const yes = present - no - abstain;
    const outcome = evaluateVote({ seated: seated.length, present, yes, no, abstain });
    const voteId = id(openedAt);
    const resolutionId = id(openedAt);
    // Voted on the last day, after the session opened (on a one-day session, later that day).
    const drawn = at(rng, sessionEnd);
    const closedAt = ms(drawn) > ms(openedAt) ? drawn : new Date(ms(openedAt) + (i + 1) * 25 * 60_000).toISOString();
    out.resolutions.push({
      id: resolutionId, township_id: townshipId, session_id: sessionId, agenda_item_id: itemId, title: a.resolution, body: `${a.resolution}。会议同意${a.title.replace(/^审议|^审查和批准/, '')}。`,
      outcome: outcome.passed ? 'adopted' : 'rejected', decided_vote_id: voteId, adopted_on: outcome.passed ? sessionEnd : null, created_at: openedAt, updated_at: closedAt,
    });
    out.session_votes.push({
      id: voteId, township_id: townshipId, session_id: sessionId, agenda_item_id: itemId, resolution_id: resolutionId, title: `表决：${a.resolution}`,
      kind: 'show_of_hands', state: 'closed', seated_count: seated.length, present_count: present, yes_count: yes, no_count: no, abstain_count: abstain,
      is_passed: outcome.passed, supersedes_vote_id: null, revote_reason: null, opened_by: officeId, opened_at: closedAt, closed_by: officeId, closed_at: closedAt,
    });
  });

  // ---- suggestions: raised at the session and between sessions ----
  const handlingUnits = [...unitByName.entries()];
  const unitFor = (name: string) => unitByName.get(name) ?? handlingUnits[0]![1];
  let seq = 0;
  /**
   * Files one suggestion and takes it as far through the workflow as `asOf` allows: 立案, 交办 to
   * the topic's unit, the unit's contact and reply (on time or late), the deputy's feedback. Draws
   * from `r`: the township's stream, or the motions' own for a 议案 handed on as a 建议.
   */
  const fileSuggestion = (r: Prng, s: FiledSuggestion): void => {
    const rid = (instant: string) => r.uuid(ms(instant));
    const { submittedDay, submittedAt, author, title, content, atSession } = s;
    const sid = s.id;
    const registeredDay = minDay(addDays(submittedDay, r.int(1, 6)), asOf);
    const assignedOn = minDay(addDays(registeredDay, r.int(2, 8)), asOf);
    const isDifficult = r.chance(0.08);
    const due = replyDueDate(assignedOn, { difficult: isDifficult });
    seq++;
    const leadUnit = unitFor(s.unitName);
    const refNo = `${year}-${String(seq).padStart(3, '0')}`;
    const events: { action: string; from: SuggestionState | null; to: SuggestionState | null; day: string; at?: string; round?: number; note?: string; detail?: unknown }[] = [
      // A motion handed on enters the workflow as the service's createSuggestionFromMotion leaves it.
      s.motion
        ? { action: 'from_motion', from: null, to: 'submitted', day: submittedDay, at: submittedAt, detail: { motionId: s.motion.id, refNo } }
        : { action: 'submit', from: 'draft', to: 'submitted', day: submittedDay },
      { action: 'register', from: 'submitted', to: 'registered', day: registeredDay },
      { action: 'assign', from: 'registered', to: 'assigned', day: assignedOn },
    ];
    let state: SuggestionState = 'assigned';
    let grade: SuggestionGrade | null = null;
    let repliedOn: string | null = null;
    let feedback: SuggestionFeedback | null = null;
    let closedAt: string | null = null;
    let round = 1;
    let replyDue = due;
    let implementation: 'not_applicable' | 'pending' | 'in_progress' | 'implemented' = 'not_applicable';
    let implementedOn: string | null = null;
    // Most units reply within the period; some late; a reply day after asOf means none yet.
    const late = r.chance(0.1);
    const replyDay = late ? addDays(due, r.int(3, 40)) : addDays(assignedOn, r.int(20, Math.max(21, isDifficult ? 170 : 85)));
    if (compareDays(replyDay, asOf) <= 0) {
      grade = r.weighted([['A', 45], ['B', 35], ['C', 12], ['D', 8]] as const);
      repliedOn = replyDay;
      state = 'replied';
      implementation = grade === 'A' ? 'implemented' : grade === 'D' ? 'not_applicable' : r.chance(0.5) ? 'in_progress' : 'pending';
      implementedOn = grade === 'A' ? replyDay : null;
      const contactDay = addDays(assignedOn, r.int(2, 15));
      out.suggestion_contacts.push({
        id: rid(at(r, contactDay)), township_id: townshipId, suggestion_id: sid, unit_id: leadUnit, round: 1, contacted_on: minDay(contactDay, replyDay),
        method: r.pick(['visit', 'phone', 'meeting']), note: '与代表当面沟通办理思路和时限', recorded_by: officeId, created_at: at(r, minDay(contactDay, replyDay)),
      });
      const feedbackDay = addDays(replyDay, r.int(5, 25));
      const hasFeedback = compareDays(feedbackDay, asOf) <= 0;
      if (hasFeedback) feedback = r.weighted([['satisfied', 68], ['basically_satisfied', 24], ['dissatisfied', 8]] as const);
      const replyAt = at(r, replyDay);
      out.suggestion_replies.push({
        id: rid(replyAt), township_id: townshipId, suggestion_id: sid, unit_id: leadUnit, round: 1, grade, content: `经研究，${grade === 'A' ? '该问题已解决' : grade === 'B' ? '已列入计划，正在组织实施' : grade === 'C' ? '待条件具备时解决' : '留作今后工作参考'}。`,
        replied_on: replyDay, due_on: due, is_on_time: !isOverdue(due, replyDay), replied_by: officeId, feedback, feedback_comment: null,
        feedback_at: hasFeedback ? at(r, feedbackDay) : null, feedback_by: hasFeedback ? officeId : null, created_at: replyAt,
      });
      events.push({ action: 'reply', from: 'assigned', to: 'replied', day: replyDay });
      if (feedback === 'dissatisfied') {
        state = 're_handling';
        round = 2;
        replyDue = rehandleDueDate(feedbackDay, DEFAULT_TOWNSHIP_SETTINGS.reHandlingMonths);
        events.push({ action: 'feedback', from: 'replied', to: 're_handling', day: feedbackDay, note: '代表不满意，重新办理' });
      } else if (feedback) {
        state = 'closed';
        closedAt = at(r, feedbackDay);
        events.push({ action: 'feedback', from: 'replied', to: 'closed', day: feedbackDay });
      }
    }
    out.suggestions.push({
      // A motion handed on is a 建议 and not public until the deputy consents, as the service creates it.
      id: sid, township_id: townshipId, year, seq, ref_no: refNo, kind: s.motion ? 'suggestion' : r.chance(0.92) ? 'suggestion' : r.pick(['criticism', 'opinion']),
      title, content, category: s.category, raised_at: atSession ? 'session' : 'between_sessions', session_id: atSession ? sessionId : null, motion_id: s.motion?.id ?? null,
      author_deputy_id: author.id, state, is_public: s.motion ? false : r.chance(0.6), is_difficult: isDifficult, submitted_at: submittedAt, registered_at: at(r, registeredDay),
      return_reason: null, assigned_on: assignedOn, round, reply_due_on: replyDue, lead_unit_id: leadUnit, grade, replied_on: repliedOn, feedback, closed_at: closedAt,
      implementation, implemented_on: implementedOn, overdue_flagged_due: null, overdue_flagged_at: null, created_by: officeId, created_at: submittedAt,
      updated_at: at(r, events[events.length - 1]!.day), search_text: searchDocument(title, content),
    });
    // The author alone, or a motion's signers as they signed it (the lead is the author).
    if (s.motion) {
      for (const m of s.motion.signers) {
        out.suggestion_signers.push({
          township_id: townshipId, suggestion_id: sid, deputy_id: m.deputy_id, is_author: m.deputy_id === author.id, confirmed_at: m.confirmed_at,
          confirmation: m.confirmation, recorded_by: m.recorded_by, created_at: submittedAt,
        });
      }
    } else {
      out.suggestion_signers.push({ township_id: townshipId, suggestion_id: sid, deputy_id: author.id, is_author: true, confirmed_at: submittedAt, confirmation: 'self', recorded_by: null, created_at: submittedAt });
    }
    out.suggestion_units.push({ township_id: townshipId, suggestion_id: sid, unit_id: leadUnit, role: 'lead', assigned_on: assignedOn, removed_at: null, created_at: at(r, assignedOn) });
    for (const e of events) {
      const eat = e.at ?? at(r, e.day);
      out.suggestion_events.push({
        id: rid(eat), township_id: townshipId, suggestion_id: sid, action: e.action, from_state: e.from, to_state: e.to, round: e.round ?? 1,
        actor_id: officeId, actor_name: '人大办', note: e.note ?? null, detail_json: e.detail === undefined ? null : JSON.stringify(e.detail), at: eat,
      });
    }
  };

  // 议案 at the session (their own stream): those handed on as 建议 are filed first, on its first day.
  const mrng = rng.fork('motions');
  addMotions({
    rng: mrng, asOf, year, townshipId, townshipName: place.name, countyCode: place.countyCode, officeId, officeName: out.users[0]!.display_name,
    at: (day: string) => at(mrng, day), id: (instant: string) => mrng.uuid(ms(instant)),
  }, out, { session: out.congress_sessions[0]!, seats: out.session_seats, seated, villages, present, fileSuggestion: (s) => fileSuggestion(mrng, { ...s, atSession: true }) });

  // The session closes after its last vote (the votes' times are drawn on its last day).
  const held = out.congress_sessions[0]!;
  if (held.closed_at) {
    const lastVote = Math.max(0, ...out.session_votes.filter((v) => v.session_id === held.id && v.closed_at).map((v) => ms(v.closed_at!)));
    if (lastVote >= ms(held.closed_at)) held.closed_at = new Date(lastVote + 15 * 60_000).toISOString();
    held.updated_at = held.closed_at;
  }

  const count = Math.round(seated.length * (0.35 + rng.next() * 0.25));
  for (let i = 0; i < count; i++) {
    const atSession = sessionHeld && i < count * 0.7;
    const submittedDay = atSession ? sessionStart : dayInYear(rng, year, 3, 10);
    if (compareDays(submittedDay, asOf) > 0) continue;
    const author = rng.pick(seated);
    const village = shortVillageName(rng.pick(villages).name);
    const topic = rng.pick(TOPICS);
    const submittedAt = at(rng, submittedDay);
    fileSuggestion(rng, {
      id: id(submittedAt), submittedDay, submittedAt, author, title: topic.title(village), content: topic.content(village), category: topic.category, unitName: topic.unit, atSession,
    });
  }

  // ---- duty activities ----
  const activityCount = Math.round(seated.length * (0.5 + rng.next() * 0.3));
  for (let i = 0; i < activityCount; i++) {
    const kind = rng.weighted(ACTIVITY_KINDS);
    // Voter contact clusters in June, the county's 联系选民月.
    const heldOn = kind === 'voter_contact' && rng.chance(0.5) ? formatDay(year, 6, rng.int(1, 30)) : dayInYear(rng, year, 1, 12);
    if (compareDays(heldOn, asOf) > 0) continue;
    const createdA = at(rng, heldOn);
    const aid = id(createdA);
    const village = rng.pick(villages);
    const group = rng.pick(groups);
    const members = kind === 'group_activity' ? township.filter((d) => d.group_id === group.id) : rng.sample(seated, rng.int(2, 7));
    out.duty_activities.push({
      id: aid, township_id: townshipId, year, kind, title: ACTIVITY_TITLES[kind]!(shortVillageName(village.name)), held_on: heldOn, place: kind === 'reception' ? `${place.name}人大代表联络站` : village.name,
      organiser: rng.chance(0.1) ? 'county' : 'township', county_notice: kind === 'voter_contact' && heldOn.slice(5, 7) === '06' ? '联系选民月' : null,
      group_id: kind === 'group_activity' ? group.id : null, announced_on: kind === 'reception' ? addDays(heldOn, -rng.int(3, 7)) : null,
      voters_contacted: kind === 'voter_contact' || kind === 'reception' ? rng.int(8, 80) : kind === 'study' ? 0 : rng.int(0, 20),
      materials: null, notes: null, report_author_deputy_id: kind === 'inspection' ? members[0]?.id ?? null : null, created_by: officeId, created_at: createdA, updated_at: createdA, archived_at: null,
    });
    for (const d of members) out.duty_activity_deputies.push({ township_id: townshipId, activity_id: aid, deputy_id: d.id, created_at: createdA });
    out.duty_activity_sites.push({ id: id(createdA), township_id: townshipId, activity_id: aid, position: 1, name: village.name, village_id: village.id, note: null });
  }
  // 集中学习: two to four sessions a year at the township, most seated deputies present.
  for (const topic of rng.sample(STUDY_TOPICS, rng.int(2, 4))) {
    const heldOn = dayInYear(rng, year, 2, 11);
    if (compareDays(heldOn, asOf) > 0) continue;
    const createdA = at(rng, heldOn);
    const aid = id(createdA);
    out.duty_activities.push({
      id: aid, township_id: townshipId, year, kind: 'study', title: topic, held_on: heldOn, place: `${place.name}人民政府会议室`, organiser: 'township', county_notice: null,
      group_id: null, announced_on: null, voters_contacted: 0, materials: null, notes: null, report_author_deputy_id: null, created_by: officeId, created_at: createdA, updated_at: createdA, archived_at: null,
    });
    for (const d of seated.filter(() => rng.chance(0.85))) out.duty_activity_deputies.push({ township_id: townshipId, activity_id: aid, deputy_id: d.id, created_at: createdA });
  }

  // ---- 述职评议: voters' representatives rate deputies ----
  // Deputies report to the voters of their own constituency: one or two constituencies a year.
  for (const c of rng.sample(constituencies, rng.int(1, 2))) {
    const heldOn = dayInYear(rng, year, 4, 11);
    if (compareDays(heldOn, asOf) > 0) continue;
    const own = seated.filter((d) => d.constituency_id === c.id);
    if (!own.length) continue;
    const createdE = at(rng, heldOn);
    const eid = id(createdE);
    const attendees = [['village_cadre', rng.int(3, 8)], ['group_leader', rng.int(4, 10)], ['party_member', rng.int(3, 8)], ['women', rng.int(2, 6)], ['public_rep', rng.int(5, 12)]] as const;
    const total = attendees.reduce((s, [, n]) => s + n, 0);
    out.duty_evaluations.push({
      id: eid, township_id: townshipId, year, held_on: heldOn, place: `${rng.pick(villages).name}会议室`, chair_deputy_id: chair.id, chair_name: chair.name,
      constituency_id: c.id, voter_opinions: '会前通过走访和座谈收集选民意见建议', is_published: true, published_at: at(rng, addDays(heldOn, 5)),
      created_by: officeId, created_at: createdE, updated_at: createdE, archived_at: null,
    });
    for (const [category, n] of attendees) out.duty_evaluation_attendees.push({ township_id: townshipId, evaluation_id: eid, category, count: n });
    own.forEach((d, pos) => {
      const dissatisfied = rng.int(0, 2);
      const basic = rng.int(0, Math.floor(total / 5));
      out.duty_evaluation_deputies.push({
        township_id: townshipId, evaluation_id: eid, deputy_id: d.id, position: pos + 1, satisfied_count: total - basic - dissatisfied, basic_count: basic,
        dissatisfied_count: dissatisfied, evaluation_text: '能够密切联系选民，认真履行代表职责', report_file_name: null, report_mime: null, report_size_bytes: null,
        report_sha256: null, report_storage_key: null, report_uploaded_at: null, rated_at: at(rng, heldOn),
      });
    });
  }

  // ---- presidium meetings between sessions: more than two thirds present ----
  const members = out.presidium_members.map((m) => ({ ...m, deputy: presidium.find((d) => d.id === m.deputy_id)! }));
  for (let k = 0; k < rng.int(2, 4); k++) {
    const day = dayInYear(rng, year, 3, 12);
    if (compareDays(day, asOf) > 0) continue;
    const createdM = at(rng, day);
    const mid = id(createdM);
    out.presidium_meetings.push({
      id: mid, township_id: townshipId, meeting_date: day, place: `${place.name}人大主席团办公室`, convened_by_deputy_id: chair.id, convened_by_name: chair.name,
      member_count: members.length, minutes: '会议听取了有关工作情况汇报，研究部署了下一阶段代表工作。', created_by: officeId, created_at: createdM, updated_at: createdM, archived_at: null,
    });
    const away = rng.int(0, members.length - quorumThreshold(members.length));
    members.forEach((m, i) => out.presidium_meeting_attendees.push({
      township_id: townshipId, meeting_id: mid, deputy_id: m.deputy_id, seq: i + 1, deputy_name: m.deputy.name, position: m.position,
      status: i >= members.length - away ? 'absent' : 'present', absence_reason: i >= members.length - away ? '因公外出' : null, recorded_by: officeId, updated_at: createdM,
    }));
    ['研究代表建议督办工作', '部署代表联系选民活动'].forEach((title, p) => out.presidium_meeting_topics.push({
      id: id(createdM), township_id: townshipId, meeting_id: mid, position: p + 1, title, decision: '会议同意，由人大办具体落实。', decided_by: officeId, decided_at: createdM,
      created_at: createdM, updated_at: createdM, archived_at: null,
    }));
  }

  // ---- 协办 units and their contacts, residents' opinions and 梳理归纳, village elections ----
  const more = {
    rng, asOf, year, townshipId, townshipName: place.name, countyCode: place.countyCode, officeId, officeName: out.users[0]!.display_name,
    at: (day: string) => at(rng, day), id,
  };
  addCoUnits(more, out, [...unitByName.values()]);
  addOpinions(more, out, { activities: out.duty_activities, activityDeputies: out.duty_activity_deputies, villages, deputies: seated, suggestions: out.suggestions });
  addElections(more, out, villages);

  // ---- rule of law, disclosure and the portal (their own stream: the rows above stay as they were) ----
  const drng = rng.fork('disclosure');
  addDisclosureAndPortal({ ...more, rng: drng, at: (day: string) => at(drng, day), id: (instant: string) => drng.uuid(ms(instant)) }, out, {
    units: out.units, villages, graceDays: DEFAULT_DISCLOSURE_GRACE_DAYS, townshipName: place.name, session: out.congress_sessions[0],
    suggestions: out.suggestions, activities: out.duty_activities,
  });
  // ---- 分片挂点, 代表码, 督办 and 落实, election guidance, training and proxies (their own stream too) ----
  const frng = rng.fork('followups');
  addFollowUps({ ...more, rng: frng, at: (day: string) => at(frng, day), id: (instant: string) => frng.uuid(ms(instant)) }, out, {
    villages, deputies: out.deputies, presidium: out.presidium_members, suggestions: out.suggestions, electionRounds: out.election_rounds,
    elections: out.village_elections, voters: out.election_voters,
  });
  return out;
}
