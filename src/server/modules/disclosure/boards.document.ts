import type * as Docx from 'docx';
import { loadDocx } from '../../lazy-libs.js';
import type { Kysely } from 'kysely';
import { formatChineseDate } from '../../../domain/session-numbering.js';
import type { Actor } from '../../auth/actor.js';
import type { DB } from '../../db/schema.js';
import { OFFICIAL_FONTS } from '../../documents/official-docx.js';
import { BOARD_FIELDS, getBoard } from './boards.service.js';
import type { BoardRow } from './disclosure.repository.js';

/**
 * The law-enforcement responsibility board as printed for the unit's 公示栏: a large title, the
 * ten parts as a two-column table (A4 portrait), or as labelled blocks in two newspaper columns
 * (A3 landscape, for a wall board), and the unit, version and publication day at the foot.
 */
/** The docx module, loaded on the first board printed (lazy-libs.ts). */
let docx: typeof Docx;

export type BoardPaper = 'A4' | 'A3';

const RED = 'B71C1C';

function font(name: string) {
  return { ascii: OFFICIAL_FONTS.latin, hAnsi: OFFICIAL_FONTS.latin, eastAsia: name, cs: name };
}

function run(text: string, f: string, sizePt: number, options: { bold?: boolean; color?: string } = {}): Docx.TextRun {
  return new docx.TextRun({ text, font: font(f), size: sizePt * 2, bold: options.bold, color: options.color });
}

/** Content text: one paragraph per line, first line indented by two characters. */
function contentParagraphs(text: string, sizePt: number): Docx.Paragraph[] {
  return text.split(/\n+/).map((l) => l.trim()).filter(Boolean).map((line) => new docx.Paragraph({
    spacing: { line: Math.round(sizePt * 20 * 1.5), after: 60 },
    indent: { firstLine: sizePt * 20 * 2 },
    children: [run(line, OFFICIAL_FONTS.body, sizePt)],
  }));
}

function titleParagraphs(board: BoardRow, sizePt: number, unitName: string): Docx.Paragraph[] {
  return [
    new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, spacing: { after: 120 }, children: [run(board.title, OFFICIAL_FONTS.title, sizePt, { bold: true, color: RED })] }),
    new docx.Paragraph({
      alignment: docx.AlignmentType.CENTER, spacing: { after: 240 },
      border: { bottom: { style: docx.BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
      children: [run(`${unitName} · 第${board.version}版${board.published_on ? ` · ${formatChineseDate(board.published_on)}公布` : '（草稿）'}`, OFFICIAL_FONTS.heading2, Math.round(sizePt / 2.2))],
    }),
  ];
}

function footer(unitName: string, board: BoardRow): Docx.Footer {
  return new docx.Footer({
    children: [new docx.Paragraph({
      alignment: docx.AlignmentType.CENTER,
      children: [run(`本公示接受社会监督 · ${unitName}${board.published_on ? ` · ${formatChineseDate(board.published_on)}` : ''}`, OFFICIAL_FONTS.pageNumber, 10)],
    })],
  });
}

function a4Sections(board: BoardRow, unitName: string): Docx.ISectionOptions[] {
  const size = 12;
  const rows = BOARD_FIELDS.map(([field, label]) => new docx.TableRow({
    cantSplit: false,
    children: [
      new docx.TableCell({
        width: { size: 22, type: docx.WidthType.PERCENTAGE },
        shading: { type: docx.ShadingType.CLEAR, fill: 'FBE9E7', color: 'auto' },
        verticalAlign: 'center',
        children: [new docx.Paragraph({ alignment: docx.AlignmentType.CENTER, children: [run(label, OFFICIAL_FONTS.heading1, 14)] })],
      }),
      new docx.TableCell({ width: { size: 78, type: docx.WidthType.PERCENTAGE }, margins: { top: 60, bottom: 60, left: 120, right: 120 }, children: contentParagraphs(board[field], size) }),
    ],
  }));
  return [{
    properties: { page: { size: { width: docx.convertMillimetersToTwip(210), height: docx.convertMillimetersToTwip(297) }, margin: { top: docx.convertMillimetersToTwip(18), bottom: docx.convertMillimetersToTwip(18), left: docx.convertMillimetersToTwip(18), right: docx.convertMillimetersToTwip(18) } } },
    footers: { default: footer(unitName, board) },
    children: [...titleParagraphs(board, 26, unitName), new docx.Table({ width: { size: 100, type: docx.WidthType.PERCENTAGE }, rows })],
  }];
}

function a3Sections(board: BoardRow, unitName: string): Docx.ISectionOptions[] {
  const size = 14;
  // A3 landscape: 420 × 297 mm. Word takes the portrait measures and the orientation flag.
  const page = {
    size: { width: docx.convertMillimetersToTwip(297), height: docx.convertMillimetersToTwip(420), orientation: docx.PageOrientation.LANDSCAPE },
    margin: { top: docx.convertMillimetersToTwip(20), bottom: docx.convertMillimetersToTwip(20), left: docx.convertMillimetersToTwip(22), right: docx.convertMillimetersToTwip(22) },
  };
  const blocks = BOARD_FIELDS.flatMap(([field, label], i) => [
    new docx.Paragraph({
      spacing: { before: i ? 180 : 0, after: 80 }, keepNext: true,
      shading: { type: docx.ShadingType.CLEAR, fill: RED, color: 'auto' },
      children: [run(` ${i + 1}. ${label} `, OFFICIAL_FONTS.heading1, 16, { color: 'FFFFFF' })],
    }),
    ...contentParagraphs(board[field], size),
  ]);
  return [
    { properties: { page }, footers: { default: footer(unitName, board) }, children: titleParagraphs(board, 40, unitName) },
    { properties: { page, type: docx.SectionType.CONTINUOUS, column: { count: 2, space: docx.convertMillimetersToTwip(14), separate: true } }, children: blocks },
    // A continuous break after the columns makes Word and LibreOffice balance them (even columns
    // on the last page) instead of filling the left column first.
    { properties: { page, type: docx.SectionType.CONTINUOUS }, children: [new docx.Paragraph({ spacing: { before: 0, after: 0 }, children: [] })] },
  ];
}

/** The board of one version as a .docx: A4 portrait or A3 landscape. */
export async function buildBoardDocument(db: Kysely<DB>, actor: Actor, id: string, paper: BoardPaper): Promise<{ fileName: string; data: Buffer }> {
  const { board, unit } = await getBoard(db, actor, id);
  docx = await loadDocx();
  const doc = new docx.Document({
    creator: 'Renda', title: board.title,
    styles: { default: { document: { run: { font: font(OFFICIAL_FONTS.body) } } } },
    sections: paper === 'A3' ? a3Sections(board, unit.name) : a4Sections(board, unit.name),
  });
  return { fileName: `${unit.name}执法责任制公示（第${board.version}版，${paper}）.docx`, data: await docx.Packer.toBuffer(doc) };
}
