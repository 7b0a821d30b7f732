import type * as Docx from 'docx';
import type { IRunOptions } from 'docx';
import { formatChineseDate, toChineseNumeral } from '../../domain/session-numbering.js';
import { loadDocx } from '../lazy-libs.js';

/**
 * The docx library, loaded on the first document (lazy-libs.ts) by buildOfficialDocument before
 * any helper below runs; the helpers read it from here.
 */
let docxLib: typeof Docx | undefined;
function lib(): typeof Docx {
  if (!docxLib) throw new Error('official-docx: docx is not loaded (call buildOfficialDocument)');
  return docxLib;
}

/**
 * Official documents (公文) laid out to GB/T 9704-2012: A4, margins top 37 mm, bottom 35 mm,
 * left 28 mm, right 26 mm (text block 156 × 225 mm), 22 lines of 28 characters; body 3号 仿宋,
 * title 2号 小标宋 centred, headings "一、" 黑体 and "（一）" 楷体, page numbers 4号 宋体 "— 1 —"
 * right on odd pages and left on even pages, signature and date under the text.
 *
 * Shared by every module that prints: sessions (签到表, 决议), the year-end summary, reports.
 */

/** Fonts named as Chinese government templates name them; Word substitutes when one is missing. */
export const OFFICIAL_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  /** Latin letters and Arabic numerals in the body. */
  latin: 'Times New Roman',
} as const;

/** Point sizes of the Chinese size names (字号). */
export const FONT_SIZE_PT = { 二号: 22, 三号: 16, 四号: 14, 小四: 12 } as const;

/** 28.95 pt exact: 22 lines fill the 225 mm text block. In twentieths of a point. */
export const LINE_SPACING_TWIPS = 579;
/** One character of the 3号 body (16 pt) in twips: the unit of indents (首行缩进二字). */
const CHAR_TWIPS = 320;
/**
 * 28 characters per line: 156 mm / 28 = 15.79 pt per character against the 16 pt body font, so
 * every run is tightened by 0.2 pt (4 twentieths of a point). This is done with character
 * spacing rather than a character grid: LibreOffice (and WPS) give a 16 pt character two cells of
 * a 15.79 pt grid, which spreads the text across the page; spacing renders the same everywhere.
 */
const CHARACTER_SPACING_TWIPS = -4;

export type Block =
  /** "一、…" in 黑体; numbered automatically unless `numbered: false` (then write the number yourself). */
  | { type: 'heading1'; text: string; numbered?: boolean }
  /** "（一）…" in 楷体, numbered within the current heading1. */
  | { type: 'heading2'; text: string; numbered?: boolean }
  /** "1." in 仿宋, numbered within the current heading2. */
  | { type: 'heading3'; text: string; numbered?: boolean }
  /** A body paragraph, first line indented two characters. `align: 'center'` for a centred line. */
  | { type: 'paragraph'; text: string; indent?: boolean; align?: 'left' | 'center' | 'right'; bold?: boolean }
  /** A ruled table; `width` of each column is relative. Cell text in 仿宋 at `fontSizePt` (default 14). */
  | {
      type: 'table';
      columns: { header: string; width: number; align?: 'left' | 'center' }[];
      rows: string[][];
      fontSizePt?: number;
      /** Minimum row height, e.g. room for a handwritten signature. */
      rowHeightMm?: number;
    }
  /** A picture (a chart) centred on its own lines, `widthMm` × `heightMm` on the page (at most 156 mm wide). */
  | { type: 'image'; png: Buffer; widthMm: number; heightMm: number; altText: string }
  /** An empty line of the body grid. */
  | { type: 'blank' };

export interface OfficialDocumentInput {
  /** 标题: 2号 小标宋, centred; may contain '\n' to break a long title into lines. */
  title: string;
  /** A line under the title in 3号 楷体, centred, e.g. "（2026年3月5日…通过）". */
  subtitle?: string;
  blocks: Block[];
  /** 发文机关署名, e.g. "示例镇人大办". */
  signature?: string;
  /** 成文日期 'YYYY-MM-DD', printed as 2026年3月5日 (no leading zeros). */
  date?: string;
  /** Document properties. */
  creator?: string;
}

type Font = NonNullable<IRunOptions['font']>;

/** Millimetres to twips, rounded (docx's own helper truncates: A4 would come out 1 twip short). */
function mm(value: number): number {
  return Math.round((value * 1440) / 25.4);
}

function font(eastAsia: string, latin: string = OFFICIAL_FONTS.latin): Font {
  return { eastAsia, ascii: latin, hAnsi: latin, cs: latin };
}

function run(text: string, f: Font, sizePt: number, extra: Partial<IRunOptions> = {}): Docx.TextRun {
  const { TextRun } = lib();
  return new TextRun({ text, font: f, size: sizePt * 2, ...extra });
}

const exactSpacing = { line: LINE_SPACING_TWIPS, lineRule: 'exact' as const, before: 0, after: 0 };

function bodyParagraph(text: string, options: { indent?: boolean; align?: 'left' | 'center' | 'right'; bold?: boolean; f?: Font } = {}): Docx.Paragraph {
  const { AlignmentType, Paragraph } = lib();
  const alignment = options.align === 'center' ? AlignmentType.CENTER : options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED;
  return new Paragraph({
    alignment,
    spacing: exactSpacing,
    indent: options.indent === false || options.align === 'center' ? undefined : { firstLine: 2 * CHAR_TWIPS },
    children: [run(text, options.f ?? font(OFFICIAL_FONTS.body), FONT_SIZE_PT.三号, options.bold ? { bold: true } : {})],
  });
}

/** Display width in body characters: CJK counts 1, Latin letters and digits ½. */
function charWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! <= 0xff ? 0.5 : 1;
  return w;
}

function pageNumberFooter(side: 'odd' | 'even'): Docx.Footer {
  const { AlignmentType, Footer, PageNumber, Paragraph, TextRun } = lib();
  // 单页码居右空一字，双页码居左空一字 (GB/T 9704-2012 7.5).
  const oneChar = FONT_SIZE_PT.四号 * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: oneChar } : { left: oneChar },
        children: [
          new TextRun({
            children: ['— ', PageNumber.CURRENT, ' —'],
            font: font(OFFICIAL_FONTS.pageNumber, OFFICIAL_FONTS.pageNumber),
            size: FONT_SIZE_PT.四号 * 2,
          }),
        ],
      }),
    ],
  });
}

function tableBlock(block: Extract<Block, { type: 'table' }>): Docx.Table {
  const { AlignmentType, BorderStyle, HeightRule, Paragraph, Table, TableCell, TableRow, VerticalAlignTable, WidthType } = lib();
  const total = block.columns.reduce((s, c) => s + c.width, 0) || 1;
  const sizePt = block.fontSizePt ?? FONT_SIZE_PT.四号;
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, col: number, isHeader: boolean) =>
    new TableCell({
      width: { size: Math.round((block.columns[col]!.width / total) * 5000), type: WidthType.PERCENTAGE },
      verticalAlign: VerticalAlignTable.CENTER,
      borders,
      children: [
        new Paragraph({
          alignment: isHeader || block.columns[col]!.align !== 'left' ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [run(text, font(isHeader ? OFFICIAL_FONTS.heading1 : OFFICIAL_FONTS.body), sizePt)],
        }),
      ],
    });
  const height = block.rowHeightMm ? { value: mm(block.rowHeightMm), rule: HeightRule.ATLEAST } : undefined;
  return new Table({
    width: { size: 5000, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, ...(height ? { height } : {}), children: block.columns.map((c, i) => cell(c.header, i, true)) }),
      ...block.rows.map((r) => new TableRow({ cantSplit: true, ...(height ? { height } : {}), children: block.columns.map((_, i) => cell(r[i] ?? '', i, false)) })),
    ],
  });
}

/**
 * Builds a .docx in the GB/T 9704-2012 layout from a title and blocks of text.
 *
 * ```ts
 * const buf = await buildOfficialDocument({
 *   title: '示例镇人大主席团2026年工作总结',
 *   blocks: [{ type: 'heading1', text: '工作回顾' }, { type: 'paragraph', text: '……' }],
 *   signature: '示例镇人大主席团', date: '2026-12-20',
 * });
 * ```
 */
export async function buildOfficialDocument(input: OfficialDocumentInput): Promise<Buffer> {
  docxLib ??= await loadDocx();
  const { AlignmentType, Document, DocumentGridType, ImageRun, LineRuleType, Packer, Paragraph } = docxLib;
  const children: (Docx.Paragraph | Docx.Table)[] = [];
  for (const line of input.title.split('\n')) {
    children.push(new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: Math.round(FONT_SIZE_PT.二号 * 20 * 1.3), lineRule: LineRuleType.EXACT },
      children: [run(line, font(OFFICIAL_FONTS.title, OFFICIAL_FONTS.title), FONT_SIZE_PT.二号)],
    }));
  }
  if (input.subtitle) children.push(bodyParagraph(input.subtitle, { align: 'center', f: font(OFFICIAL_FONTS.heading2) }));
  // 标题与正文之间空一行.
  children.push(new Paragraph({ spacing: exactSpacing, children: [] }));

  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  for (const block of input.blocks) {
    switch (block.type) {
      case 'heading1':
        h1++; h2 = 0; h3 = 0;
        children.push(bodyParagraph(`${block.numbered === false ? '' : `${toChineseNumeral(h1)}、`}${block.text}`, { f: font(OFFICIAL_FONTS.heading1) }));
        break;
      case 'heading2':
        h2++; h3 = 0;
        children.push(bodyParagraph(`${block.numbered === false ? '' : `（${toChineseNumeral(h2)}）`}${block.text}`, { f: font(OFFICIAL_FONTS.heading2) }));
        break;
      case 'heading3':
        h3++;
        children.push(bodyParagraph(`${block.numbered === false ? '' : `${h3}.`}${block.text}`));
        break;
      case 'paragraph':
        for (const para of block.text.split(/\n+/).filter((p) => p.trim() !== '')) {
          children.push(bodyParagraph(para.trim(), { indent: block.indent, align: block.align, bold: block.bold }));
        }
        break;
      case 'table':
        children.push(tableBlock(block));
        break;
      case 'image': {
        // 96 px per inch: docx sizes pictures in pixels. The paragraph's line height follows the picture.
        const px = (v: number) => Math.round((Math.min(v, 156) / 25.4) * 96);
        children.push(new Paragraph({
          alignment: AlignmentType.CENTER,
          // Single (auto) spacing: the body's exact line height would clip the picture to one line.
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 120, after: 120 },
          keepLines: true,
          children: [new ImageRun({
            type: 'png', data: block.png, transformation: { width: px(block.widthMm), height: px(block.heightMm * (Math.min(block.widthMm, 156) / block.widthMm)) },
            altText: { name: block.altText, description: block.altText, title: block.altText },
          })],
        }));
        break;
      }
      case 'blank':
        children.push(new Paragraph({ spacing: exactSpacing, children: [] }));
        break;
    }
  }

  if (input.signature || input.date) {
    // 成文日期右空四字; 署名 centred over the date (GB/T 9704-2012 7.3.5.1).
    const dateText = input.date ? formatChineseDate(input.date) : '';
    const rightOfDate = 4;
    children.push(new Paragraph({ spacing: exactSpacing, children: [] }));
    if (input.signature) {
      const offset = input.date ? rightOfDate + Math.max(0, (charWidth(dateText) - charWidth(input.signature)) / 2) : rightOfDate;
      children.push(new Paragraph({
        alignment: AlignmentType.RIGHT, spacing: exactSpacing, indent: { right: Math.round(offset * CHAR_TWIPS) },
        children: [run(input.signature, font(OFFICIAL_FONTS.body), FONT_SIZE_PT.三号)],
      }));
    }
    if (dateText) {
      children.push(new Paragraph({
        alignment: AlignmentType.RIGHT, spacing: exactSpacing, indent: { right: rightOfDate * CHAR_TWIPS },
        children: [run(dateText, font(OFFICIAL_FONTS.body), FONT_SIZE_PT.三号)],
      }));
    }
  }

  const doc = new Document({
    creator: input.creator ?? 'Renda',
    title: input.title.replaceAll('\n', ''),
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(OFFICIAL_FONTS.body), size: FONT_SIZE_PT.三号 * 2, characterSpacing: CHARACTER_SPACING_TWIPS },
          paragraph: { spacing: exactSpacing },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          size: { width: mm(210), height: mm(297) },
          margin: {
            top: mm(37),
            bottom: mm(35),
            left: mm(28),
            right: mm(26),
            header: mm(15),
            // The page number's top sits 7 mm below the text block (GB/T 9704-2012 7.5).
            footer: mm(21.6),
          },
        },
        // 22 lines per page: a line grid at the exact 28.95 pt line pitch.
        grid: { type: DocumentGridType.LINES, linePitch: LINE_SPACING_TWIPS },
      },
      footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
      children,
    }],
  });
  return Packer.toBuffer(doc);
}
