import type * as ExcelJS from 'exceljs';
import type { DeputyLevel, Gender } from '../../db/schema.js';
import type { DeputyInput } from './deputies.rules.js';
import { EDUCATIONS, PARTIES } from './deputies.rules.js';
import { loadExcelJS } from '../../lazy-libs.js';

/**
 * The deputies sheet (代表名册): one column list shared by the template, the import, the error
 * report and the export, so an exported roster imports back unchanged.
 */
export interface SheetColumn {
  key: keyof SheetRow;
  title: string;
  required: boolean;
  width: number;
}

/** A row as text, the way it reads in the sheet. */
export interface SheetRow {
  name: string;
  gender: string;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  party: string;
  education: string;
  occupation: string;
  workplace: string;
  level: string;
  termNumber: string;
  constituency: string;
  group: string;
  phone: string;
  mandateStart: string;
  mandateEnd: string;
  endReason: string;
  holdsGovernmentPost: string;
}

export const SHEET_COLUMNS: SheetColumn[] = [
  { key: 'name', title: '姓名', required: true, width: 10 },
  { key: 'gender', title: '性别', required: true, width: 6 },
  { key: 'ethnicity', title: '民族', required: true, width: 8 },
  { key: 'birthDate', title: '出生日期', required: true, width: 12 },
  { key: 'idNumber', title: '身份证号', required: true, width: 21 },
  { key: 'party', title: '政治面貌', required: true, width: 12 },
  { key: 'education', title: '文化程度', required: true, width: 10 },
  { key: 'occupation', title: '职业类别', required: true, width: 14 },
  { key: 'workplace', title: '工作单位及职务', required: false, width: 24 },
  { key: 'level', title: '代表层级', required: true, width: 12 },
  { key: 'termNumber', title: '届次', required: true, width: 6 },
  { key: 'constituency', title: '选区', required: false, width: 14 },
  { key: 'group', title: '代表小组', required: false, width: 14 },
  { key: 'phone', title: '联系电话', required: false, width: 14 },
  { key: 'mandateStart', title: '任期开始', required: true, width: 12 },
  { key: 'mandateEnd', title: '任期结束', required: false, width: 12 },
  { key: 'endReason', title: '终止原因', required: false, width: 14 },
  { key: 'holdsGovernmentPost', title: '在政府任职', required: false, width: 10 },
];

export const SHEET_NAME = '代表名册';
export const ERROR_COLUMN_TITLE = '错误原因';
export const LEVEL_LABELS: Record<DeputyLevel, string> = { township: '镇人大代表', county: '县人大代表' };
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

/** Reads a cell as trimmed text whatever Excel stored: text, number, date, rich text, formula. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

/** Accepts 2026-03-05, 2026/3/5, 2026.3.5 and 2026年3月5日; returns YYYY-MM-DD or the input. */
export function normaliseDay(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return text.trim();
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

export interface ParsedRow {
  /** The row number as Excel shows it. */
  excelRow: number;
  cells: SheetRow;
  /** Problems found while reading (missing required cells, an id typed as a number). */
  problems: { column: string; reason: string }[];
}

export class SheetFormatError extends Error {}

/** Reads the first worksheet: the header row names the columns (order does not matter). */
export async function readDeputySheet(buffer: Buffer): Promise<ParsedRow[]> {
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new SheetFormatError('not_xlsx');
  }
  const ws = wb.getWorksheet(SHEET_NAME) ?? wb.worksheets[0];
  if (!ws) throw new SheetFormatError('no_sheet');
  const header = ws.getRow(1);
  const index = new Map<string, number>();
  header.eachCell((cell, col) => index.set(cellText(cell.value).replace(/\*$/, ''), col));
  const missing = SHEET_COLUMNS.filter((c) => c.required && !index.has(c.title)).map((c) => c.title);
  if (missing.length) throw new SheetFormatError(`missing_columns:${missing.join('、')}`);
  const rows: ParsedRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = {} as SheetRow;
    const problems: ParsedRow['problems'] = [];
    for (const col of SHEET_COLUMNS) {
      const at = index.get(col.title);
      const raw = at ? row.getCell(at).value : null;
      if (col.key === 'idNumber' && typeof raw === 'number') {
        problems.push({ column: col.title, reason: '身份证号被存成了数字，后几位已丢失：请把该列设为文本格式后重新填写' });
      }
      cells[col.key] = cellText(raw);
    }
    if (Object.values(cells).every((v) => v === '')) return;
    for (const col of SHEET_COLUMNS) if (col.required && cells[col.key] === '') problems.push({ column: col.title, reason: `${col.title}不能为空` });
    rows.push({ excelRow: rowNumber, cells, problems });
  });
  return rows;
}

/** Maps a sheet row to a deputy input, reporting cells whose value is not one of the choices. */
export function sheetRowToInput(cells: SheetRow, lookups: { constituencyId(name: string): string | null; groupId(name: string): string | null }): { input: DeputyInput; problems: { column: string; reason: string }[] } {
  const problems: { column: string; reason: string }[] = [];
  const level = (Object.entries(LEVEL_LABELS).find(([, label]) => label === cells.level || label.replace('人大代表', '级') === cells.level)?.[0] ?? null) as DeputyLevel | null;
  if (cells.level && !level) problems.push({ column: '代表层级', reason: '代表层级应为“镇人大代表”或“县人大代表”' });
  const gender = cells.gender === '男' ? 'male' : cells.gender === '女' ? 'female' : null;
  if (cells.gender && !gender) problems.push({ column: '性别', reason: '性别应为“男”或“女”' });
  const termNumber = Number(cells.termNumber.replace(/^第|届$/g, ''));
  if (cells.termNumber && !Number.isInteger(termNumber)) problems.push({ column: '届次', reason: '届次应为数字，如 14' });
  let constituencyId: string | null = null;
  if (cells.constituency) {
    constituencyId = lookups.constituencyId(cells.constituency);
    if (!constituencyId) problems.push({ column: '选区', reason: `选区“${cells.constituency}”不存在` });
  }
  let groupId: string | null = null;
  if (cells.group) {
    groupId = lookups.groupId(cells.group);
    if (!groupId) problems.push({ column: '代表小组', reason: `代表小组“${cells.group}”不存在` });
  }
  const gov = cells.holdsGovernmentPost;
  if (gov && gov !== '是' && gov !== '否') problems.push({ column: '在政府任职', reason: '应填“是”或“否”' });
  return {
    input: {
      level: level ?? 'township',
      termNumber: Number.isInteger(termNumber) ? termNumber : 0,
      name: cells.name,
      gender: gender ?? 'male',
      ethnicity: cells.ethnicity,
      birthDate: normaliseDay(cells.birthDate),
      idNumber: cells.idNumber,
      party: cells.party,
      education: cells.education,
      occupation: cells.occupation,
      workplace: cells.workplace || null,
      constituencyId,
      groupId,
      phone: cells.phone || null,
      mandateStart: normaliseDay(cells.mandateStart),
      mandateEnd: cells.mandateEnd ? normaliseDay(cells.mandateEnd) : null,
      endReason: cells.endReason || null,
      holdsGovernmentPost: gov === '是',
    },
    problems,
  };
}

function styleHeader(ws: ExcelJS.Worksheet, extra = 0): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  for (let c = 1; c <= SHEET_COLUMNS.length + extra; c++) {
    header.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
  }
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** Adds choice lists and text formats so a hand-filled sheet is right the first time. */
function addValidations(ws: ExcelJS.Worksheet, occupations: readonly string[], rows: number): void {
  const list = (values: readonly string[]) => ({ type: 'list' as const, allowBlank: true, formulae: [`"${values.join(',')}"`] });
  const colOf = (key: keyof SheetRow) => SHEET_COLUMNS.findIndex((c) => c.key === key) + 1;
  const validations: [keyof SheetRow, readonly string[]][] = [
    ['gender', ['男', '女']], ['party', PARTIES], ['education', EDUCATIONS], ['occupation', occupations],
    ['level', Object.values(LEVEL_LABELS)], ['holdsGovernmentPost', ['是', '否']],
  ];
  for (let r = 2; r <= rows; r++) {
    for (const [key, values] of validations) ws.getCell(r, colOf(key)).dataValidation = list(values);
  }
  for (const key of ['idNumber', 'phone', 'birthDate', 'mandateStart', 'mandateEnd'] as const) ws.getColumn(colOf(key)).numFmt = '@';
}

/** Writes rows to a workbook with the shared columns; `errors` adds the 错误原因 column. */
async function writeSheet(rows: SheetRow[], options: { occupations: readonly string[]; errors?: Map<number, string>; validationsRows?: number }): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Renda';
  const ws = wb.addWorksheet(SHEET_NAME);
  ws.columns = [
    ...SHEET_COLUMNS.map((c) => ({ header: c.required ? `${c.title}*` : c.title, key: c.key, width: c.width })),
    ...(options.errors ? [{ header: ERROR_COLUMN_TITLE, key: 'errors', width: 60 }] : []),
  ];
  styleHeader(ws, options.errors ? 1 : 0);
  rows.forEach((row, i) => {
    const excelRow = ws.addRow({ ...row, ...(options.errors ? { errors: options.errors.get(i) ?? '' } : {}) });
    if (options.errors?.get(i)) {
      const cell = excelRow.getCell(SHEET_COLUMNS.length + 1);
      cell.font = { color: { argb: 'FFC00000' } };
      excelRow.eachCell((c) => { c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } }; });
    }
  });
  // Choice lists after the data: touching cells first would make addRow append below them.
  addValidations(ws, options.occupations, Math.max(rows.length + 1, options.validationsRows ?? 0));
  const guide = wb.addWorksheet('填写说明');
  guide.columns = [{ header: '列', key: 'col', width: 16 }, { header: '说明', key: 'desc', width: 80 }];
  const notes: Record<string, string> = {
    姓名: '必填', 性别: '必填：男 / 女（须与身份证号一致）', 民族: '必填，如 汉族', 出生日期: '必填，如 1975-06-01（须与身份证号一致）',
    身份证号: '必填，18位，末位可为X；请以文本格式填写，校验码按 GB 11643 检查', 政治面貌: `必填：${PARTIES.join(' / ')}`,
    文化程度: `必填：${EDUCATIONS.join(' / ')}`, 职业类别: `必填：${options.occupations.join(' / ')}`, 代表层级: '必填：镇人大代表 / 县人大代表',
    届次: '必填，数字，如 14 表示第十四届', 选区: '须为本镇已建立的选区名称', 代表小组: '须为本镇已建立的代表小组名称',
    联系电话: '手机号或固定电话', 任期开始: '必填，如 2021-12-30', 任期结束: '代表资格终止时填写', 终止原因: '填写任期结束时必填', 在政府任职: '是 / 否',
  };
  for (const c of SHEET_COLUMNS) guide.addRow({ col: c.title, desc: notes[c.title] ?? '' });
  guide.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The empty import template with choice lists for the first 500 rows. */
export function buildTemplate(occupations: readonly string[]): Promise<Buffer> {
  return writeSheet([], { occupations, validationsRows: 501 });
}

export function buildRosterSheet(rows: SheetRow[], occupations: readonly string[]): Promise<Buffer> {
  return writeSheet(rows, { occupations });
}

/** The uploaded rows again, each with its reasons in the 错误原因 column. */
export function buildErrorReport(rows: SheetRow[], errors: Map<number, string>, occupations: readonly string[]): Promise<Buffer> {
  return writeSheet(rows, { occupations, errors });
}
