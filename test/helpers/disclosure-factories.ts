import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.js';

/** The ten board fields filled in, as the API takes them. */
export const FULL_BOARD_FIELDS = {
  scope: '本镇行政区域内的违法建设行为查处。',
  basis: '《中华人民共和国城乡规划法》第六十五条。',
  responsibility: '对本辖区内违法建设行为依法查处，执法人员持证上岗。',
  divisionOfWork: '主任负总责，执法人员二人一组分片巡查。',
  procedure: '立案—调查取证—告知—决定—送达—执行。',
  feeStandards: '不收取任何费用。',
  accountability: '执法人员违法违纪的，依照有关规定追究责任。',
  serviceCommitment: '接到举报后2个工作日内到场核查。',
  partyRights: '当事人享有陈述、申辩、申请听证、申请行政复议和提起行政诉讼的权利。',
  supervision: '监督电话：0000-1234567；县纪委监委派驻纪检组。',
};

export type SheetRow = [string, string, string, number | string | null];

/**
 * A finance workbook like the template: title rows, the header on row 3, then the rows given
 * (row 4 is the first). Returns the buffer; `affairs` adds the 村务公开事项 sheet.
 */
export async function financeWorkbook(rows: SheetRow[], affairs: [string, string][] = [['村级重大事项', '经村民代表会议讨论，决定硬化村内道路1.2公里。']]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('财务收支');
  ws.addRow(['测试村村级财务收支公开表']);
  ws.addRow(['公开期间：2026年第三季度']);
  ws.addRow(['类别', '科目', '摘要', '金额（元）']);
  for (const r of rows) ws.addRow(r);
  if (affairs.length) {
    const a = wb.addWorksheet('村务公开事项');
    a.addRow(['序号', '公开事项', '内容']);
    affairs.forEach(([t, c], i) => a.addRow([i + 1, t, c]));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A balanced sheet: opening 10000.00, income 3000.00 + 1500.50, expense 2000.25, closing 12500.25. */
export const BALANCED_ROWS: SheetRow[] = [
  ['期初余额', '', '', 10000],
  ['收入', '上级补助收入', '村级组织运转经费', 3000],
  ['收入', '发包及上交收入', '鱼塘承包费', '1,500.50'],
  ['收入合计', '', '', 4500.5],
  ['支出', '管理费用', '办公用品', 2000.25],
  ['支出合计', '', '', 2000.25],
  ['期末余额', '', '', 12500.25],
];

/** BALANCED_ROWS moved on by `quarters` quarters: each opens with the one before's closing balance (+2500.25 a quarter). */
export function carriedRows(quarters: number): SheetRow[] {
  const opening = Math.round((10000 + quarters * 2500.25) * 100) / 100;
  return BALANCED_ROWS.map((r) => (r[0] === '期初余额' ? ['期初余额', '', '', opening] : r[0] === '期末余额' ? ['期末余额', '', '', Math.round((opening + 2500.25) * 100) / 100] : r));
}

/** The number of rows of a table belonging to a township (to assert nothing changed). */
export async function countRows(db: Kysely<DB>, table: 'enforcement_boards' | 'unit_disclosures' | 'village_disclosures' | 'village_finance_lines' | 'administrative_complaints' | 'model_village_entries', townshipId: string): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('township_id', '=', townshipId).executeTakeFirstOrThrow();
  return Number(r.n);
}
