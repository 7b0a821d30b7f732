import type { Kysely } from 'kysely';
import { daysBetween } from '../../../domain/due-dates.js';
import { maskResidentId, parseResidentId } from '../../../domain/resident-id.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import { visibleTownshipIds } from '../../auth/scope.js';
import type { DB, Gender, VoterCategory } from '../../db/schema.js';
import { retryOnUniqueViolation } from '../../db/unique-violation.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { openPersonal, personalIndex, sealPersonal } from '../../security/personal-data.js';
import { writeAudit } from '../audit/audit.service.js';
import { cellText } from '../deputies/deputies.sheet.js';
import * as repo from './elections.repository.js';
import { assertNotCounted, loadElection, profileOf } from './elections.service.js';
import { loadExcelJS } from '../../lazy-libs.js';

/** Registration categories (选民登记, 村民委员会组织法 第13条), as the sheet spells them. */
export const CATEGORY_LABELS: Record<VoterCategory, string> = {
  hukou_resident: '户籍在本村并居住',
  hukou_away: '户籍在本村不居住、本人参加选举',
  non_hukou_resident: '户籍不在本村、居住一年以上经村民会议同意',
};
const CATEGORY_ALIASES: Record<string, VoterCategory> = {
  户籍在本村并居住: 'hukou_resident', 本村户籍居住: 'hukou_resident', 户籍村民: 'hukou_resident',
  '户籍在本村不居住、本人参加选举': 'hukou_away', 户籍在本村不居住: 'hukou_away', 本村户籍外出: 'hukou_away',
  '户籍不在本村、居住一年以上经村民会议同意': 'non_hukou_resident', 户籍不在本村居住一年以上: 'non_hukou_resident', 非户籍居住一年以上: 'non_hukou_resident',
};
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };
/** Close relatives who may hold a written proxy (近亲属). */
export const PROXY_RELATIONS = ['配偶', '父母', '子女', '兄弟姐妹', '祖父母', '外祖父母', '孙子女', '外孙子女'] as const;

const COLUMNS = [
  { key: 'name', title: '姓名', width: 10 },
  { key: 'gender', title: '性别', width: 6 },
  { key: 'idNumber', title: '身份证号', width: 22 },
  { key: 'category', title: '登记类别', width: 36 },
  { key: 'group', title: '村民小组', width: 12 },
] as const;
type Cells = Record<(typeof COLUMNS)[number]['key'], string>;

/** Voters are 18 or older on the voting day (年满十八周岁, 第13条). */
function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The empty roll template (选民登记表). */
export async function rollTemplate(): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  const ws = wb.addWorksheet('选民名单');
  ws.columns = COLUMNS.map((c) => ({ header: c.title, key: c.key, width: c.width, style: c.key === 'idNumber' ? { numFmt: '@' } : {} }));
  ws.getRow(1).font = { bold: true };
  for (let r = 2; r <= 501; r++) {
    ws.getCell(r, 2).dataValidation = { type: 'list', allowBlank: false, formulae: ['"男,女"'] };
    ws.getCell(r, 4).dataValidation = { type: 'list', allowBlank: false, formulae: [`"${Object.values(CATEGORY_LABELS).join(',')}"`] };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface ParsedVoter {
  row: number;
  name: string;
  gender: Gender;
  idNumber: string;
  birthDate: string;
  category: VoterCategory;
  group: string;
}

async function readRoll(buffer: Buffer): Promise<{ voters: ParsedVoter[]; problems: { row: number; column: string; reason: string }[]; rows: number }> {
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID', { reason: '不是有效的 .xlsx 文件' });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FILE_INVALID', { reason: '文件中没有工作表' });
  const index = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => index.set(cellText(cell.value).replace(/\*$/, ''), col));
  const missing = COLUMNS.filter((c) => !index.has(c.title)).map((c) => c.title);
  if (missing.length) throw new AppError('IMPORT_FILE_INVALID', { reason: `缺少必填列：${missing.join('、')}` });
  const voters: ParsedVoter[] = [];
  const problems: { row: number; column: string; reason: string }[] = [];
  let rows = 0;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = {} as Cells;
    const rowProblems: { column: string; reason: string }[] = [];
    for (const c of COLUMNS) {
      const raw = row.getCell(index.get(c.title)!).value;
      if (c.key === 'idNumber' && typeof raw === 'number') rowProblems.push({ column: c.title, reason: '身份证号被存成了数字，后几位已丢失：请把该列设为文本格式后重新填写' });
      cells[c.key] = cellText(raw);
    }
    if (Object.values(cells).every((v) => v === '')) return;
    rows++;
    for (const c of COLUMNS) if (cells[c.key] === '') rowProblems.push({ column: c.title, reason: `${c.title}不能为空` });
    const gender = cells.gender === '男' ? 'male' : cells.gender === '女' ? 'female' : null;
    if (cells.gender && !gender) rowProblems.push({ column: '性别', reason: '性别应为“男”或“女”' });
    const category = CATEGORY_ALIASES[cells.category.replace(/\s/g, '')];
    if (cells.category && !category) rowProblems.push({ column: '登记类别', reason: `登记类别应为：${Object.values(CATEGORY_LABELS).join(' / ')}` });
    let birthDate = '';
    let idNumber = '';
    if (cells.idNumber && !rowProblems.some((p) => p.column === '身份证号')) {
      const parsed = parseResidentId(cells.idNumber);
      if (!parsed.ok) {
        const why = { length: '应为18位', characters: '只能包含数字和末位X', birth_date: '出生日期无效', check_digit: '校验码不正确' }[parsed.reason];
        rowProblems.push({ column: '身份证号', reason: `身份证号${why}` });
      } else {
        idNumber = parsed.id;
        birthDate = parsed.birthDate;
        if (gender && parsed.gender !== gender) rowProblems.push({ column: '性别', reason: '性别与身份证号不符' });
      }
    }
    for (const p of rowProblems) problems.push({ row: rowNumber, ...p });
    if (rowProblems.length === 0) voters.push({ row: rowNumber, name: cells.name, gender: gender!, idNumber, birthDate, category: category!, group: cells.group });
  });
  return { voters, problems, rows };
}

/**
 * Imports a village's voter roll (选民登记, 村民委员会组织法 第13条) from .xlsx: all rows or none.
 * Every bad row is named with its column and reason: missing cells, a 身份证号 failing its check
 * digit, a gender that disagrees with it, a voter under 18 on the voting day, a person twice in
 * the file, and a person already registered in another village of the township in this round
 * (both rows and both villages named). 身份证号 are stored sealed, with a keyed index unique
 * per round. `replace` drops the village's roll first (before the count only).
 */
export async function importRoll(db: Kysely<DB>, actor: Actor, electionId: string, buffer: Buffer, replace = false): Promise<{ imported: number; total: number }> {
  const election = await loadElection(db, actor, electionId, 'election.roll');
  assertNotCounted(election);
  const round = (await repo.findRoundInScope(db, election.round_id, [election.township_id]))!;
  const voteDay = (await repo.listSteps(db, [electionId])).find((s) => s.step_key === 'vote')?.planned_on ?? round.planned_vote_day;
  const { voters, problems, rows } = await readRoll(buffer);
  if (rows === 0) throw new AppError('IMPORT_FILE_INVALID', { reason: '表中没有数据行' });
  const village = (await repo.villagesOf(db, election.township_id)).find((v) => v.id === election.village_id)!;

  const indexes = voters.map((v) => personalIndex(v.idNumber));
  const firstRow = new Map<string, number>();
  voters.forEach((v, i) => {
    if (ageOn(v.birthDate, voteDay) < 18) problems.push({ row: v.row, column: '身份证号', reason: `投票日（${voteDay}）未满十八周岁，不能登记为选民` });
    const seen = firstRow.get(indexes[i]!);
    if (seen !== undefined) problems.push({ row: v.row, column: '身份证号', reason: `与本表第${seen}行为同一人` });
    else firstRow.set(indexes[i]!, v.row);
  });
  /** The rows naming a person already on a roll of this round (here or in another village), with both rows named. */
  const registeredElsewhere = async (): Promise<typeof problems> => {
    const out: typeof problems = [];
    for (const hit of await repo.votersByIndex(db, round.id, [...firstRow.keys()])) {
      if (replace && hit.election_id === electionId) continue;
      const row = firstRow.get(hit.id_number_index)!;
      const where = hit.election_id === electionId ? `本村选民名单（原表第${hit.source_row}行）` : `${hit.village_name}选民名单（原表第${hit.source_row}行）`;
      out.push({ row, column: '身份证号', reason: `本表第${row}行（${village.name}）与${where}为同一人：同一选民不得在两处登记（第13条）` });
    }
    return out;
  };
  const refuse = (all: typeof problems): never => {
    all.sort((a, b) => a.row - b.row);
    throw new AppError('IMPORT_INVALID', { rows: new Set(all.map((p) => p.row)).size },
      all.slice(0, 500).map((p) => ({ path: `${p.row}.${p.column}`, message: p.reason })));
  };
  const elsewhere = await registeredElsewhere();
  if (problems.length || elsewhere.length) refuse([...problems, ...elsewhere]);
  const now = nowIso();
  // Two imports registering the same person at the same moment both pass the check above; the
  // unique index (round, person) stops the second, which checks again and names both rows.
  const insertAll = () => db.transaction().execute(async (trx) => {
    if (replace) await repo.deleteRoll(trx, electionId);
    const start = replace ? 0 : await repo.maxVoterSeq(trx, electionId);
    const rowsToInsert: repo.VoterRow[] = voters.map((v, i) => ({
      id: newId(), township_id: election.township_id, round_id: round.id, election_id: electionId, seq: start + i + 1, name: v.name, gender: v.gender,
      birth_date: v.birthDate, id_number_sealed: sealPersonal(v.idNumber), id_number_index: indexes[i]!, id_number_masked: maskResidentId(v.idNumber),
      category: v.category, villager_group: v.group, source_row: v.row, created_at: now,
    }));
    await repo.insertVoters(trx, rowsToInsert);
    await writeAudit(trx, actor, { townshipId: election.township_id, action: 'election.roll.import', entityType: 'village_election', entityId: electionId, after: { count: rowsToInsert.length, replace } });
    return start + rowsToInsert.length;
  });
  const total = await retryOnUniqueViolation(async () => {
    try {
      return await insertAll();
    } catch (err) {
      const again = await registeredElsewhere();
      if (again.length) refuse(again);
      throw err;
    }
  });
  return { imported: voters.length, total };
}

export interface RollView {
  voters: repo.VoterListRow[];
  proxies: repo.ProxyRow[];
  maxProxiesPerAgent: number;
  proxyBasis: string;
}

/** The roll, masked (身份证号 shown as 110101********123X), with the proxies. */
export async function getRoll(db: Kysely<DB>, actor: Actor, electionId: string): Promise<RollView> {
  const election = await loadElection(db, actor, electionId);
  const round = (await repo.findRoundInScope(db, election.round_id, [election.township_id]))!;
  const profile = profileOf(round);
  const [voters, proxies] = await Promise.all([repo.listVoters(db, electionId), repo.listProxies(db, electionId)]);
  return { voters, proxies, maxProxiesPerAgent: profile.maxProxiesPerAgent, proxyBasis: profile.proxyBasis };
}

/** The full 身份证号 of one voter, for those who need it; every reveal is audited. */
export async function revealVoterId(db: Kysely<DB>, actor: Actor, voterId: string): Promise<string> {
  const voter = await repo.findVoterInScope(db, voterId, await visibleTownshipIds(db, actor));
  if (!voter) throw notFound('election_voter');
  await loadElection(db, actor, voter.election_id);
  authorize(actor, 'personal.reveal');
  const plain = openPersonal(voter.id_number_sealed);
  await db.transaction().execute(async (trx) => {
    await writeAudit(trx, actor, { townshipId: voter.township_id, action: 'election.voter.reveal', entityType: 'election_voter', entityId: voterId, after: { field: 'id_number' } });
  });
  return plain;
}

/**
 * Records a written proxy (委托投票): a voter entrusts a close relative who is a voter of the
 * same village. Nobody holds more proxies than the profile allows, nobody who has delegated
 * holds proxies, and each voter delegates once.
 */
export function addProxy(db: Kysely<DB>, actor: Actor, electionId: string, input: { principalVoterId: string; proxyVoterId: string; relation: string }): Promise<repo.ProxyRow> {
  // The same voter's proxy recorded twice at once: the second meets the unique index and, run again, answers PROXY_INVALID.
  return retryOnUniqueViolation(() => addProxyOnce(db, actor, electionId, input));
}

async function addProxyOnce(db: Kysely<DB>, actor: Actor, electionId: string, input: { principalVoterId: string; proxyVoterId: string; relation: string }): Promise<repo.ProxyRow> {
  const election = await loadElection(db, actor, electionId, 'election.roll');
  assertNotCounted(election);
  const round = (await repo.findRoundInScope(db, election.round_id, [election.township_id]))!;
  const max = profileOf(round).maxProxiesPerAgent;
  const scope = [election.township_id];
  const [principal, proxy] = await Promise.all([repo.findVoterInScope(db, input.principalVoterId, scope), repo.findVoterInScope(db, input.proxyVoterId, scope)]);
  const fields: { path: string; message: string }[] = [];
  if (!principal || principal.election_id !== electionId) fields.push({ path: 'principalVoterId', message: '委托人不在本村选民名单中' });
  if (!proxy || proxy.election_id !== electionId) fields.push({ path: 'proxyVoterId', message: '受托人不在本村选民名单中' });
  if (input.principalVoterId === input.proxyVoterId) fields.push({ path: 'proxyVoterId', message: '不能委托本人' });
  if (fields.length) throw new AppError('VALIDATION_FAILED', {}, fields);
  const proxies = await repo.listProxies(db, electionId);
  if (proxies.some((p) => p.principal_voter_id === input.principalVoterId)) throw new AppError('PROXY_INVALID', { reason: '该选民已委托他人投票' });
  if (proxies.some((p) => p.principal_voter_id === input.proxyVoterId)) throw new AppError('PROXY_INVALID', { reason: '受托人本人已委托他人投票，不能再接受委托' });
  if (proxies.some((p) => p.proxy_voter_id === input.principalVoterId)) throw new AppError('PROXY_INVALID', { reason: '委托人已接受他人委托，应亲自投票' });
  const held = proxies.filter((p) => p.proxy_voter_id === input.proxyVoterId).length;
  if (held >= max) throw new AppError('PROXY_LIMIT', { max, name: proxy!.name });
  const row: repo.ProxyRow = {
    id: newId(), township_id: election.township_id, election_id: electionId, principal_voter_id: input.principalVoterId, proxy_voter_id: input.proxyVoterId,
    relation: input.relation, created_by: actor.id, created_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertProxy(trx, row);
    await writeAudit(trx, actor, { townshipId: election.township_id, action: 'election.proxy.add', entityType: 'election_proxy', entityId: row.id, after: row });
  });
  return row;
}

export async function removeProxy(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  const proxy = await repo.findProxyInScope(db, id, await visibleTownshipIds(db, actor));
  if (!proxy) throw notFound('election_proxy');
  const election = await loadElection(db, actor, proxy.election_id, 'election.roll');
  assertNotCounted(election);
  await db.transaction().execute(async (trx) => {
    await repo.deleteProxy(trx, id);
    await writeAudit(trx, actor, { townshipId: proxy.township_id, action: 'election.proxy.remove', entityType: 'election_proxy', entityId: id, before: proxy });
  });
}

/** Days between the voter list's publication and the vote, for the published list's footer. */
export function publicationLead(listPublished: string | null, voteDay: string): number | null {
  return listPublished ? daysBetween(listPublished, voteDay) : null;
}
