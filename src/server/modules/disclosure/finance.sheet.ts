import type * as ExcelJS from 'exceljs';
import { loadExcelJS } from '../../lazy-libs.js';
import { financeTotals, formatFen, parseYuan } from '../../../domain/disclosure.js';
import { AppError, type FieldError } from '../../errors.js';
import { cellText } from '../deputies/deputies.sheet.js';

/**
 * The village finance sheet (村级财务收支公开表) and the affairs items sheet (村务公开事项): the
 * template the village fills in, and the reader that checks it. The reader is all-or-nothing: a
 * sheet whose stated totals are not the sum of its lines, or whose closing balance is not
 * opening + income − expense, is refused naming the row, and nothing is stored.
 */
export const FINANCE_SHEET = '财务收支';
export const AFFAIRS_SHEET = '村务公开事项';

const KIND_OPENING = '期初余额';
const KIND_INCOME = '收入';
const KIND_EXPENSE = '支出';
const KIND_INCOME_TOTAL = '收入合计';
const KIND_EXPENSE_TOTAL = '支出合计';
const KIND_CLOSING = '期末余额';

export interface SheetLine {
  direction: 'income' | 'expense';
  category: string;
  description: string | null;
  /** Fen. */
  amount: number;
}

export interface ParsedFinanceSheet {
  opening: number;
  closing: number;
  lines: SheetLine[];
  /** Null when the workbook has no affairs sheet (the items already entered stay). */
  items: { title: string; content: string }[] | null;
}

function cellAmount(value: ExcelJS.CellValue): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return parseYuan(value);
  if (typeof value === 'object' && value !== null && 'result' in value) return cellAmount(value.result as ExcelJS.CellValue);
  return parseYuan(cellText(value));
}

function yuan(fen: number): string {
  return formatFen(fen).replaceAll(',', '');
}

/** Reads and checks an uploaded workbook. Throws IMPORT_FILE_INVALID, IMPORT_INVALID or a FINANCE_* mismatch. */
export async function readFinanceWorkbook(buffer: Buffer): Promise<ParsedFinanceSheet> {
  const wb = new (await loadExcelJS()).Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID', { reason: '不是有效的 .xlsx 文件' });
  }
  const ws = wb.getWorksheet(FINANCE_SHEET) ?? wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FILE_INVALID', { reason: `缺少“${FINANCE_SHEET}”工作表` });

  // The header row: the first of the top ten rows whose first cell is 类别.
  let headerRow = 0;
  const cols = { kind: 1, category: 2, description: 3, amount: 4 };
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const row = ws.getRow(r);
    const titles = new Map<string, number>();
    row.eachCell((cell, col) => titles.set(cellText(cell.value), col));
    if (titles.has('类别')) {
      headerRow = r;
      cols.kind = titles.get('类别')!;
      cols.category = titles.get('科目') ?? cols.category;
      cols.description = titles.get('摘要') ?? cols.description;
      cols.amount = [...titles].find(([t]) => t.startsWith('金额'))?.[1] ?? cols.amount;
      break;
    }
  }
  if (!headerRow) throw new AppError('IMPORT_FILE_INVALID', { reason: '找不到表头（第一列为“类别”的行）' });

  const problems: FieldError[] = [];
  const lines: (SheetLine & { row: number })[] = [];
  const special = new Map<string, { row: number; amount: number }>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const kind = cellText(row.getCell(cols.kind).value);
    const category = cellText(row.getCell(cols.category).value);
    const description = cellText(row.getCell(cols.description).value);
    const rawAmount = row.getCell(cols.amount).value;
    const isEmptyAmount = rawAmount === null || rawAmount === undefined || rawAmount === '';
    // Blank lines, and the template's unused 收入/支出 placeholder lines, are skipped.
    if (!category && !description && isEmptyAmount && (!kind || kind === KIND_INCOME || kind === KIND_EXPENSE)) continue;
    const amount = cellAmount(rawAmount);
    if (amount === null) {
      problems.push({ path: `${r}.金额`, message: isEmptyAmount ? '金额必填' : '金额应为不小于0、最多两位小数的数字' });
    }
    if (kind === KIND_INCOME || kind === KIND_EXPENSE) {
      if (!category) problems.push({ path: `${r}.科目`, message: '科目必填' });
      else if (category.length > 60) problems.push({ path: `${r}.科目`, message: '科目不超过60字' });
      if (description.length > 200) problems.push({ path: `${r}.摘要`, message: '摘要不超过200字' });
      if (amount !== null) lines.push({ row: r, direction: kind === KIND_INCOME ? 'income' : 'expense', category: category.slice(0, 60), description: description.slice(0, 200) || null, amount });
    } else if ([KIND_OPENING, KIND_INCOME_TOTAL, KIND_EXPENSE_TOTAL, KIND_CLOSING].includes(kind)) {
      if (special.has(kind)) problems.push({ path: `${r}.类别`, message: `“${kind}”只能有一行（第${special.get(kind)!.row}行已填写）` });
      else if (amount !== null) special.set(kind, { row: r, amount });
    } else {
      problems.push({ path: `${r}.类别`, message: `类别应为 收入、支出、${KIND_OPENING}、${KIND_INCOME_TOTAL}、${KIND_EXPENSE_TOTAL} 或 ${KIND_CLOSING}，收到“${kind.slice(0, 20)}”` });
    }
  }
  for (const kind of [KIND_OPENING, KIND_INCOME_TOTAL, KIND_EXPENSE_TOTAL, KIND_CLOSING]) {
    if (!special.has(kind) && !problems.some((p) => p.message.startsWith('金额'))) problems.push({ path: `${FINANCE_SHEET}.${kind}`, message: `缺少“${kind}”行` });
  }
  if (lines.length > 1000) problems.push({ path: `${FINANCE_SHEET}`, message: '明细不超过1000行' });

  const items = readAffairs(wb, problems);
  if (problems.length) throw new AppError('IMPORT_INVALID', { rows: new Set(problems.map((p) => p.path.split('.')[0])).size }, problems.slice(0, 500));

  const opening = special.get(KIND_OPENING)!.amount;
  const totals = financeTotals(lines, opening);
  const income = special.get(KIND_INCOME_TOTAL)!;
  const expense = special.get(KIND_EXPENSE_TOTAL)!;
  const closing = special.get(KIND_CLOSING)!;
  // Every mismatch is named; the first one is the message.
  const mismatches: { error: AppError; field: FieldError }[] = [];
  if (income.amount !== totals.income) {
    mismatches.push({
      error: new AppError('FINANCE_INCOME_TOTAL_MISMATCH', { row: income.row, stated: yuan(income.amount), sum: yuan(totals.income) }),
      field: { path: `${income.row}.金额`, message: `收入合计${yuan(income.amount)}元，明细相加${yuan(totals.income)}元` },
    });
  }
  if (expense.amount !== totals.expense) {
    mismatches.push({
      error: new AppError('FINANCE_EXPENSE_TOTAL_MISMATCH', { row: expense.row, stated: yuan(expense.amount), sum: yuan(totals.expense) }),
      field: { path: `${expense.row}.金额`, message: `支出合计${yuan(expense.amount)}元，明细相加${yuan(totals.expense)}元` },
    });
  }
  if (closing.amount !== totals.expectedClosing) {
    mismatches.push({
      error: new AppError('FINANCE_BALANCE_MISMATCH', { row: closing.row, stated: yuan(closing.amount), expected: yuan(totals.expectedClosing!) }),
      field: { path: `${closing.row}.金额`, message: `期末余额${yuan(closing.amount)}元，应为${yuan(totals.expectedClosing!)}元` },
    });
  }
  if (mismatches.length) {
    const first = mismatches[0]!.error;
    throw new AppError(first.code, first.params, mismatches.map((m) => m.field));
  }
  return { opening, closing: closing.amount, lines: lines.map(({ row: _row, ...l }) => l), items };
}

function readAffairs(wb: ExcelJS.Workbook, problems: FieldError[]): { title: string; content: string }[] | null {
  const ws = wb.getWorksheet(AFFAIRS_SHEET);
  if (!ws) return null;
  const items: { title: string; content: string }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const title = cellText(row.getCell(2).value);
    const content = cellText(row.getCell(3).value);
    if (!title && !content) continue;
    if (!title) problems.push({ path: `${AFFAIRS_SHEET}.${r}.公开事项`, message: '公开事项必填' });
    else if (title.length > 100) problems.push({ path: `${AFFAIRS_SHEET}.${r}.公开事项`, message: '公开事项不超过100字' });
    if (!content) problems.push({ path: `${AFFAIRS_SHEET}.${r}.内容`, message: '内容必填' });
    else if (content.length > 5000) problems.push({ path: `${AFFAIRS_SHEET}.${r}.内容`, message: '内容不超过5000字' });
    if (title && content) items.push({ title, content });
  }
  if (items.length > 100) problems.push({ path: AFFAIRS_SHEET, message: '公开事项不超过100项' });
  return items;
}

export interface TemplateContent {
  villageName: string;
  periodLabel: string;
  opening: number | null;
  lines: SheetLine[];
  items: { title: string; content: string }[];
}

/**
 * The workbook to fill in: the finance sheet with the totals as formulas (so a hand-typed total
 * that disagrees stands out), and the affairs sheet. Prefilled with what is already entered.
 */
export async function buildFinanceTemplate(c: TemplateContent): Promise<Buffer> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = 'Renda';
  const ws = wb.addWorksheet(FINANCE_SHEET);
  ws.columns = [{ width: 12 }, { width: 22 }, { width: 40 }, { width: 16 }];
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = `${c.villageName}村级财务收支公开表`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getCell('A2').value = `公开期间：${c.periodLabel}`;
  ws.getCell('D2').value = '单位：元';
  const header = ws.getRow(3);
  header.values = ['类别', '科目', '摘要', '金额（元）'];
  header.font = { bold: true };
  header.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } }; });
  ws.addRow([KIND_OPENING, '', '', c.opening === null ? null : c.opening / 100]);
  const income = c.lines.filter((l) => l.direction === 'income');
  const expense = c.lines.filter((l) => l.direction === 'expense');
  const blank = (dir: string, n: number) => Array.from({ length: n }, () => [dir, '', '', null]);
  const incomeRows = income.length ? income.map((l) => [KIND_INCOME, l.category, l.description ?? '', l.amount / 100]) : blank(KIND_INCOME, 5);
  const incomeFirst = ws.rowCount + 1;
  incomeRows.forEach((r) => ws.addRow(r));
  const incomeLast = ws.rowCount;
  const totals = financeTotals(c.lines, c.opening ?? 0);
  ws.addRow([KIND_INCOME_TOTAL, '', '', { formula: `SUM(D${incomeFirst}:D${incomeLast})`, result: totals.income / 100 }]);
  const expenseRows = expense.length ? expense.map((l) => [KIND_EXPENSE, l.category, l.description ?? '', l.amount / 100]) : blank(KIND_EXPENSE, 5);
  const expenseFirst = ws.rowCount + 1;
  expenseRows.forEach((r) => ws.addRow(r));
  const expenseLast = ws.rowCount;
  const expenseTotalRow = ws.rowCount + 1;
  ws.addRow([KIND_EXPENSE_TOTAL, '', '', { formula: `SUM(D${expenseFirst}:D${expenseLast})`, result: totals.expense / 100 }]);
  ws.addRow([KIND_CLOSING, '', '', { formula: `D4+D${incomeLast + 1}-D${expenseTotalRow}`, result: totals.expectedClosing! / 100 }]);
  for (let r = 4; r <= ws.rowCount; r++) ws.getCell(r, 4).numFmt = '#,##0.00';
  for (const r of [4, incomeLast + 1, expenseTotalRow, expenseTotalRow + 1]) ws.getRow(r).font = { bold: true };
  const lastValidated = ws.rowCount + 30;
  for (let r = 4; r <= lastValidated; r++) {
    ws.getCell(r, 1).dataValidation = { type: 'list', allowBlank: true, formulae: [`"${[KIND_OPENING, KIND_INCOME, KIND_INCOME_TOTAL, KIND_EXPENSE, KIND_EXPENSE_TOTAL, KIND_CLOSING].join(',')}"`] };
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];

  const affairs = wb.addWorksheet(AFFAIRS_SHEET);
  affairs.columns = [{ header: '序号', width: 8 }, { header: '公开事项', width: 30 }, { header: '内容', width: 80 }];
  affairs.getRow(1).font = { bold: true };
  (c.items.length ? c.items : [{ title: '', content: '' }]).forEach((it, i) => affairs.addRow([i + 1, it.title, it.content]));

  const guide = wb.addWorksheet('填写说明');
  guide.columns = [{ header: '说明', width: 100 }];
  guide.getRow(1).font = { bold: true };
  for (const line of [
    '“财务收支”表：类别一栏填 期初余额、收入、收入合计、支出、支出合计、期末余额 之一；收入、支出每笔一行，可增删行。',
    '金额以元为单位，最多两位小数。收入合计、支出合计应等于各笔明细之和；期末余额应等于 期初余额＋收入合计－支出合计。',
    '导入时逐项核对，任何一处不平，整张表都不导入，并指出出错的行号。',
    '“村务公开事项”表：每项一行，填写公开事项和内容（如 村级重大事项决策、惠农补贴发放、工程项目进展等）。',
  ]) guide.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
