import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { generateResidentId, maskResidentId } from '../../domain/resident-id.js';
import { systemActor, type Actor } from '../auth/actor.js';
import type { DB, Gender, VillageOfficeKind, VoterCategory } from '../db/schema.js';
import { newId, nowIso } from '../ids.js';
import { DOCX_MIME } from '../http/downloads.js';
import { buildPublishedList } from '../modules/elections/elections.documents.js';
import * as repo from '../modules/elections/elections.repository.js';
import { uploadsRoot } from '../http/uploads.js';
import * as service from '../modules/elections/elections.service.js';
import { countRound, recordEntry, type BoxFigures } from '../modules/elections/elections.tally.js';
import { personalIndex, sealPersonal } from '../security/personal-data.js';

/**
 * The 2026 village committee elections of 示例镇 (村委会换届选举) under the province's measures:
 * every village and community elected on the unified voting day, 2026-06-20, except 松岗村
 * (postponed a week), and 南湾村 needed a further round (另行选举) for its last member seat.
 * Rolls of a few hundred voters per village keep the demo load fast.
 */

const VOTE_DAY = '2026-06-20';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const MALE = ['建国', '志强', '国平', '德明', '海涛', '永福', '文华', '立军', '长林', '树生', '红旗', '金山', '光明', '新民', '振华', '家兴', '宏伟', '春生', '玉林', '世杰'];
const FEMALE = ['秀英', '桂兰', '玉梅', '春燕', '丽娟', '凤英', '晓红', '淑珍', '秀兰', '翠花', '美华', '金凤', '红梅', '素芳', '雪梅', '海燕', '丽萍', '月娥', '彩霞', '爱华'];

/** A small deterministic generator, so the demo is the same on every load. */
function rng(seed: number): () => number {
  // Spread nearby seeds apart and skip the first draws, which an LCG keeps close for close seeds.
  let s = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = 0; i < 5; i++) next();
  return next;
}

interface Plan {
  /** Registered voters. */
  voters: number;
  boxes: number;
  seats: { chair: number; viceChair: number; member: number };
  /** Step days when the village kept its own timetable (松岗村 voted a week late). */
  voteDay?: string;
  runoff?: boolean;
}

function planFor(name: string, i: number): Plan {
  const voters = 180 + ((i * 53) % 220);
  const base: Plan = { voters, boxes: voters > 300 ? 3 : 2, seats: { chair: 1, viceChair: 1, member: voters > 300 ? 3 : 2 } };
  if (name.startsWith('南湾')) return { ...base, seats: { chair: 1, viceChair: 1, member: 3 }, runoff: true };
  if (name.startsWith('松岗')) return { ...base, voteDay: '2026-06-27' };
  return base;
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Actual days of each step, consistent with 第14条 (list 22 days before the vote, objections 5, decisions 2). */
function stepDays(voteDay: string): Record<string, string> {
  return {
    committee: addDays(voteDay, -45), registration: addDays(voteDay, -36), list_published: addDays(voteDay, -22), objections: addDays(voteDay, -17),
    objections_decided: addDays(voteDay, -15), nomination: addDays(voteDay, -12), candidates_published: addDays(voteDay, -7),
    vote: voteDay, count: voteDay, announce: voteDay, handover: addDays(voteDay, 8),
  };
}

function personName(next: () => number, gender: Gender): string {
  const surname = SURNAMES[Math.floor(next() * SURNAMES.length)]!;
  const given = (gender === 'male' ? MALE : FEMALE)[Math.floor(next() * 20)]!;
  return surname + given;
}

/** Splits `total` over `boxes` boxes, the last taking the rest. */
function split(total: number, boxes: number, shares: number[]): number[] {
  const out = shares.map((s) => Math.floor(total * s));
  out[boxes - 1] = total - out.slice(0, boxes - 1).reduce((a, b) => a + b, 0);
  return out;
}

/** Loads the demo round; false when the township already has one. */
/**
 * The published voter list of 东山村 and 南湾村 kept as the document of their `list_published`
 * step (the .docx the village printed and posted). The rows are always written; the files only
 * when the data directory is known (the server and the CLI pass it; tests that only need the
 * records do not), and a row without its file answers 404 on download.
 */
async function demoStepDocuments(db: Kysely<DB>, townshipId: string, election: repo.ElectionRow, by: Actor, dataDir: string | undefined): Promise<void> {
  const file = await buildPublishedList(db, by, election.id);
  const id = newId();
  const storageKey = `${townshipId}/election-documents/${id}`;
  if (dataDir) {
    const target = path.join(uploadsRoot(dataDir), storageKey);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.data);
  }
  const published = (await repo.listSteps(db, [election.id])).find((s) => s.step_key === 'list_published');
  await repo.insertDocument(db, {
    id, township_id: townshipId, election_id: election.id, village_id: election.village_id, step_key: 'list_published', file_name: file.fileName,
    mime: DOCX_MIME, size_bytes: file.data.length, sha256: createHash('sha256').update(file.data).digest('hex'), storage_key: storageKey,
    uploaded_by: by.id, uploaded_by_name: by.displayName, created_at: `${published?.done_on ?? VOTE_DAY}T02:00:00.000Z`, archived_at: null,
  });
}

export async function loadDemoElections(db: Kysely<DB>, townshipId: string, options: { dataDir?: string } = {}): Promise<boolean> {
  if ((await repo.listRounds(db, townshipId)).length) return false;
  const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'village_id']).where('township_id', '=', townshipId).execute();
  const asUser = (username: string): Actor => {
    const u = users.find((x) => x.username === username)!;
    return { ...systemActor('demo'), id: u.id, username: u.username, displayName: u.display_name, role: u.role, townshipId, villageId: u.village_id };
  };
  const office = asUser('office');
  const presidium = asUser('presidium');
  const clerk = asUser('village');

  const round = await service.createRound(db, office, townshipId, {
    name: '2026年村（居）民委员会换届选举', year: 2026, plannedVoteDay: VOTE_DAY, profileKey: 'province_typical', termYears: 5, ballotBoxes: 2,
  });
  const villages = await repo.villagesOf(db, townshipId);
  const elections = await repo.listElections(db, round.id);

  await service.addTraining(db, office, round.id, {
    heldOn: '2026-04-15', topic: '村（居）民委员会换届选举业务培训：法律法规与选举程序', place: '示例镇人民政府三楼会议室',
    attendees: villages.flatMap((v, i) => [
      { name: personName(rng(900 + i), i % 3 === 0 ? 'female' : 'male'), villageId: v.id, duty: '村民选举委员会主任' },
      { name: personName(rng(950 + i), 'female'), villageId: v.id, duty: '村委会文书' },
    ]),
  });
  await service.addTraining(db, office, round.id, {
    heldOn: '2026-05-20', topic: '选民登记、委托投票与计票实务培训', place: '示例镇便民服务中心会议室',
    attendees: villages.map((v, i) => ({ name: personName(rng(950 + i), 'female'), villageId: v.id, duty: '村委会文书' })),
  });

  const now = nowIso();
  for (const [i, v] of villages.entries()) {
    const election = elections.find((e) => e.village_id === v.id);
    if (!election) continue;
    const plan = planFor(v.name, i);
    const next = rng(1000 + i * 17);
    const voteDay = plan.voteDay ?? VOTE_DAY;
    await service.updateElection(db, office, election.id, { seats: plan.seats, ballotBoxes: plan.boxes });
    const days = stepDays(voteDay);
    for (const [key, day] of Object.entries(days)) {
      if (key === 'vote' || key === 'count') continue;
      await repo.updateStep(db, election.id, key, { planned_on: (await repo.listSteps(db, [election.id])).find((s) => s.step_key === key)!.planned_on, done_on: day, note: null, updated_at: now });
    }

    // The roll: sealed 身份证号 under the fictional county code, the keyed index unique per round.
    const voters: repo.VoterRow[] = [];
    for (let k = 0; k < plan.voters; k++) {
      const gender: Gender = next() < 0.49 ? 'female' : 'male';
      const birth = `${1940 + Math.floor(next() * 66)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const id = generateResidentId('999999', birth, (i * 70 + k) % 1000, gender);
      const category: VoterCategory = k % 17 === 5 ? 'hukou_away' : k % 41 === 7 ? 'non_hukou_resident' : 'hukou_resident';
      voters.push({
        id: newId(), township_id: townshipId, round_id: round.id, election_id: election.id, seq: k + 1, name: personName(next, gender), gender,
        birth_date: birth, id_number_sealed: sealPersonal(id), id_number_index: personalIndex(id), id_number_masked: maskResidentId(id), category,
        villager_group: `第${1 + (k % (3 + (i % 4)))}村民小组`, source_row: k + 2, created_at: now,
      });
    }
    // A generated id may repeat by chance across villages: keep the first, as the import would refuse the second.
    const seen = new Set((await db.selectFrom('election_voters').select('id_number_index').where('round_id', '=', round.id).execute()).map((r) => r.id_number_index));
    const fresh = voters.filter((x) => !seen.has(x.id_number_index) && (seen.add(x.id_number_index), true)).map((x, k) => ({ ...x, seq: k + 1 }));
    await repo.insertVoters(db, fresh);
    // Written proxies by close relatives (委托投票), published with the list.
    for (let p = 0; p < 3; p++) {
      await repo.insertProxy(db, {
        id: newId(), township_id: townshipId, election_id: election.id, principal_voter_id: fresh[10 + p * 2]!.id, proxy_voter_id: fresh[11 + p * 2]!.id,
        relation: ['配偶', '子女', '父母'][p]!, created_by: office.id, created_at: now,
      });
    }

    if (v.name.startsWith('东山') || plan.runoff) await demoStepDocuments(db, townshipId, election, v.name.startsWith('东山') ? clerk : office, options.dataDir);

    // Candidates nominated by the voters (差额: more than the seats of each office).
    const offices: [VillageOfficeKind, number][] = [['chair', plan.seats.chair], ['vice_chair', plan.seats.viceChair], ['member', plan.seats.member]];
    const candidates: { id: string; office: VillageOfficeKind; gender: Gender }[] = [];
    for (const [officeKind, seats] of offices) {
      for (let c = 0; c < seats + 1; c++) {
        // Every committee gets a woman: the first member candidate is a woman.
        const gender: Gender = officeKind === 'member' && c === 0 ? 'female' : officeKind === 'vice_chair' && i % 3 === 0 && c === 0 ? 'female' : next() < 0.3 ? 'female' : 'male';
        const row = await service.addCandidate(db, office, election.id, { office: officeKind, name: personName(next, gender), gender });
        candidates.push({ id: row.id, office: officeKind, gender });
      }
    }

    // The count: turnout 84-93 %, the first `seats` candidates of each office clearly ahead.
    const cast = Math.floor(fresh.length * (0.84 + next() * 0.09));
    const invalid = 2 + Math.floor(next() * 4);
    const valid = cast - invalid;
    const total: Record<string, number> = {};
    for (const [officeKind, seats] of offices) {
      const own = candidates.filter((c) => c.office === officeKind);
      const shares = own.map((_, k) => (k < seats ? 0.62 + next() * 0.2 : 0.12 + next() * 0.15));
      // 南湾村: the third member seat falls short of half; two losers go to the further round.
      if (plan.runoff && officeKind === 'member') [shares[2], shares[3]] = [0.44, 0.39];
      // Each ballot marks at most `seats` names of an office: keep the office's votes within that.
      const sum = shares.reduce((a, b) => a + b, 0);
      const scale = sum > seats * 0.95 ? (seats * 0.95 - shares.slice(0, seats).reduce((a, b) => a + b, 0)) / (sum - shares.slice(0, seats).reduce((a, b) => a + b, 0)) : 1;
      own.forEach((c, k) => { total[c.id] = Math.floor(valid * (k < seats ? shares[k]! : shares[k]! * scale)); });
    }
    const shares = plan.boxes === 3 ? [0.5, 0.3, 0.2] : [0.65, 0.35];
    const castBoxes = split(cast, plan.boxes, shares);
    const invalidBoxes = split(invalid, plan.boxes, shares);
    const voteBoxes = Object.fromEntries(Object.entries(total).map(([id, n]) => [id, split(n, plan.boxes, shares)]));
    const [first, second] = v.name.startsWith('东山') ? [clerk, office] : [office, presidium];
    for (let b = 0; b < plan.boxes; b++) {
      const f: BoxFigures = {
        issued: castBoxes[b]! + 3 + b, returned: castBoxes[b]!, valid: castBoxes[b]! - invalidBoxes[b]!, invalid: invalidBoxes[b]!,
        votes: Object.fromEntries(Object.entries(voteBoxes).map(([id, n]) => [id, n[b]!])),
      };
      await recordEntry(db, first, election.id, 'first', b + 1, f);
      await recordEntry(db, second, election.id, 'first', b + 1, f);
    }
    await countRound(db, office, election.id, 'first', voteDay);

    if (plan.runoff) {
      const runoffCandidates = (await repo.listCandidates(db, [election.id])).filter((c) => c.is_runoff_candidate);
      const runoffCast = Math.floor(fresh.length * 0.8);
      const runoffShares = [0.57, 0.4];
      const runoffBoxes = split(runoffCast, plan.boxes, shares);
      for (let b = 0; b < plan.boxes; b++) {
        const f: BoxFigures = {
          issued: runoffBoxes[b]! + 2, returned: runoffBoxes[b]!, valid: runoffBoxes[b]! - 1, invalid: 1,
          votes: Object.fromEntries(runoffCandidates.map((c, k) => [c.id, Math.floor((runoffBoxes[b]! - 1) * (runoffShares[k] ?? 0.02))])),
        };
        await recordEntry(db, office, election.id, 'runoff', b + 1, f);
        await recordEntry(db, presidium, election.id, 'runoff', b + 1, f);
      }
      await countRound(db, office, election.id, 'runoff', voteDay);
    }
    await repo.updateStep(db, election.id, 'announce', { planned_on: addDays(VOTE_DAY, 0), done_on: voteDay, note: null, updated_at: now });
  }
  return true;
}
