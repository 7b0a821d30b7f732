import type { Kysely } from 'kysely';
import { formatChineseDate } from '../../../domain/session-numbering.js';
import type { Actor } from '../../auth/actor.js';
import type { DB, VillageOfficeKind } from '../../db/schema.js';
import { buildOfficialDocument, type Block } from '../../documents/official-docx.js';
import { AppError } from '../../errors.js';
import { findTownship } from '../townships/townships.repository.js';
import * as repo from './elections.repository.js';
import { CATEGORY_LABELS, GENDER_LABELS } from './elections.roll.js';
import { loadElection } from './elections.service.js';
import { resultOf } from './elections.tally.js';
import { committeeName } from '../../../domain/village-names.js';

export const OFFICE_LABELS: Record<VillageOfficeKind, string> = { chair: '主任', vice_chair: '副主任', member: '委员' };

export interface DocxFile {
  fileName: string;
  data: Buffer;
}

async function context(db: Kysely<DB>, election: repo.ElectionRow) {
  const [round, villages, township] = await Promise.all([
    repo.findRoundInScope(db, election.round_id, [election.township_id]), repo.villagesOf(db, election.township_id), findTownship(db, election.township_id),
  ]);
  const village = villages.find((v) => v.id === election.village_id)!;
  return { round: round!, villageName: village.name, townshipName: township?.name ?? '' };
}

/**
 * The announcement of the result (选举结果公告, 村民委员会组织法 第15条: 选举结果应当当场公布):
 * registered voters, ballots issued and returned, validity, the elected by office with their
 * votes, a 另行选举 if there was one, and vacancies; signed by the village election committee.
 */
export async function buildAnnouncement(db: Kysely<DB>, actor: Actor, electionId: string): Promise<DocxFile> {
  const election = await loadElection(db, actor, electionId);
  if (election.state !== 'done' && election.state !== 'invalid') throw new AppError('ELECTION_NOT_COUNTED');
  const { round, villageName } = await context(db, election);
  const candidates = await repo.listCandidates(db, [electionId]);
  const counts = await repo.listBoxCounts(db, [electionId], 'first');
  const result = resultOf(election, candidates, election.registered_frozen ?? 0);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const committee = committeeName(villageName);
  const issued = counts.reduce((n, c) => n + c.issued, 0);
  const valid = counts.reduce((n, c) => n + c.valid, 0);
  const invalid = counts.reduce((n, c) => n + c.invalid, 0);
  const blocks: Block[] = [];
  blocks.push({
    type: 'paragraph',
    text: `根据《中华人民共和国村民委员会组织法》和本村选举办法，${committee}换届选举于${formatChineseDate(election.completed_on ?? round.planned_vote_day)}依法进行。本村登记参加选举的村民${result.registered}人，发出选票${issued}张，收回选票${result.firstCast ?? 0}张，其中有效票${valid}张、无效票${invalid}张。`,
  });
  if (!result.isValid) {
    blocks.push({ type: 'paragraph', text: `参加投票的村民未超过登记参加选举村民的半数（至少应为${result.turnoutThreshold}人），本次选举无效，将依法重新组织选举。` });
  } else {
    blocks.push({ type: 'paragraph', text: `参加投票的村民超过登记参加选举村民的半数，选举有效。候选人获得参加投票村民过半数的选票（${result.winThreshold}票以上）始得当选。` });
    const rows = result.elected.map((e, i) => {
      const c = byId.get(e.candidateId)!;
      return [String(i + 1), c.name, GENDER_LABELS[c.gender], OFFICE_LABELS[e.office], String(e.round === 'first' ? c.first_votes : c.runoff_votes), e.round === 'first' ? '正式选举' : '另行选举'];
    });
    blocks.push({ type: 'heading1', text: '当选人员' });
    blocks.push({
      type: 'table',
      columns: [{ header: '序号', width: 1, align: 'center' }, { header: '姓名', width: 2, align: 'center' }, { header: '性别', width: 1, align: 'center' }, { header: '职务', width: 2, align: 'center' }, { header: '得票数', width: 2, align: 'center' }, { header: '当选方式', width: 2, align: 'center' }],
      rows,
    });
    if (result.runoffCast !== null) {
      blocks.push({ type: 'heading1', text: '另行选举情况' });
      blocks.push({
        type: 'paragraph',
        text: `正式选举中当选人数不足应选名额，依法在未当选人中得票多的候选人中另行选举。另行选举收回选票${result.runoffCast}张，得票多的当选，但所得票数不少于已投选票数的三分之一（${result.runoffMinimum}票）。`,
      });
    }
    const vacancies = result.offices.filter((o) => o.vacancies > 0);
    if (vacancies.length) {
      blocks.push({ type: 'paragraph', text: `经选举，${vacancies.map((o) => `${OFFICE_LABELS[o.office]}空缺${o.vacancies}名`).join('、')}，将依法另行补选。` });
    }
  }
  blocks.push({ type: 'paragraph', text: '特此公告。' });
  const data = await buildOfficialDocument({
    title: `${committee}选举结果公告`,
    blocks,
    signature: committeeName(villageName, '选举委员会'),
    date: election.completed_on ?? round.planned_vote_day,
  });
  return { fileName: `${committee}选举结果公告.docx`, data };
}

/**
 * The published voter list (选民名单公告, 第14条): name, gender, villager group and category by
 * group, without 身份证号; the written proxies (委托投票名单) follow, as the law requires them published.
 */
export async function buildPublishedList(db: Kysely<DB>, actor: Actor, electionId: string): Promise<DocxFile> {
  const election = await loadElection(db, actor, electionId);
  const { round, villageName } = await context(db, election);
  const [voters, proxies, steps] = await Promise.all([repo.listVoters(db, electionId), repo.listProxies(db, electionId), repo.listSteps(db, [electionId])]);
  const byId = new Map(voters.map((v) => [v.id, v]));
  const committee = committeeName(villageName);
  const published = steps.find((s) => s.step_key === 'list_published');
  const vote = steps.find((s) => s.step_key === 'vote');
  const blocks: Block[] = [{
    type: 'paragraph',
    text: `根据《中华人民共和国村民委员会组织法》第十三条、第十四条，经登记，本村参加${round.name}的选民共${voters.length}人，现予公布。投票日为${formatChineseDate(vote?.planned_on ?? round.planned_vote_day)}。对名单有异议的，请自公布之日起五日内向村民选举委员会提出，村民选举委员会自收到之日起三日内作出处理决定。`,
  }];
  blocks.push({
    type: 'table',
    columns: [{ header: '序号', width: 1, align: 'center' }, { header: '姓名', width: 2, align: 'center' }, { header: '性别', width: 1, align: 'center' }, { header: '村民小组', width: 2, align: 'center' }, { header: '登记类别', width: 4 }],
    rows: voters.map((v, i) => [String(i + 1), v.name, GENDER_LABELS[v.gender], v.villager_group, CATEGORY_LABELS[v.category]]),
    fontSizePt: 12,
  });
  blocks.push({ type: 'heading1', text: '委托投票名单' });
  if (proxies.length === 0) blocks.push({ type: 'paragraph', text: '本次选举无委托投票。' });
  else {
    blocks.push({
      type: 'table',
      columns: [{ header: '序号', width: 1, align: 'center' }, { header: '委托人', width: 2, align: 'center' }, { header: '受托人', width: 2, align: 'center' }, { header: '关系', width: 2, align: 'center' }],
      rows: proxies.map((p, i) => [String(i + 1), byId.get(p.principal_voter_id)?.name ?? '', byId.get(p.proxy_voter_id)?.name ?? '', p.relation]),
      fontSizePt: 12,
    });
  }
  const data = await buildOfficialDocument({
    title: `${committee}选民名单公告`,
    blocks,
    signature: committeeName(villageName, '选举委员会'),
    date: published?.done_on ?? published?.planned_on ?? round.planned_vote_day,
  });
  return { fileName: `${committee}选民名单公告.docx`, data };
}
