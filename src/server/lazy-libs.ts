/**
 * Heavy libraries loaded on first use, not at start: the server serves most requests without
 * printing a document, writing a spreadsheet or sending mail, and each of these libraries costs
 * 10–30 MB of resident memory once imported (docs/benchmarks.md, server RSS). Each loader
 * imports once; later calls return the same module.
 *
 * Type positions keep static, type-only imports (`import type * as ExcelJS from 'exceljs'`), which
 * are erased at compile time.
 */

/** Unwraps a CommonJS package imported from ESM (its module.exports is the default export). */
function cjs<T>(mod: T | { default: T }): T {
  return mod !== null && typeof mod === 'object' && 'default' in mod && mod.default ? mod.default : (mod as T);
}

let excel: Promise<typeof import('exceljs')> | undefined;
/** exceljs (≈ 28 MB): spreadsheets (deputies roster, voter roll, suggestion export). */
export function loadExcelJS(): Promise<typeof import('exceljs')> {
  return (excel ??= import('exceljs').then((m) => cjs<typeof import('exceljs')>(m)));
}

let docx: Promise<typeof import('docx')> | undefined;
/** docx (≈ 11 MB): official documents (official-docx.ts). */
export function loadDocx(): Promise<typeof import('docx')> {
  return (docx ??= import('docx'));
}

let qrcode: Promise<typeof import('qrcode')> | undefined;
/** qrcode (≈ 10 MB): the check-in QR codes of sessions and duty activities. */
export function loadQRCode(): Promise<typeof import('qrcode')> {
  return (qrcode ??= import('qrcode').then((m) => cjs<typeof import('qrcode')>(m)));
}

let nodemailer: Promise<typeof import('nodemailer')> | undefined;
/** nodemailer (≈ 16 MB): the e-mail copy of notices, only when SMTP is configured. */
export function loadNodemailer(): Promise<typeof import('nodemailer')> {
  return (nodemailer ??= import('nodemailer').then((m) => cjs<typeof import('nodemailer')>(m)));
}

type Echarts = typeof import('echarts');
type ResvgModule = typeof import('@resvg/resvg-js');
let charts: Promise<{ echarts: Echarts; resvg: ResvgModule }> | undefined;
/** echarts + resvg (≈ 48 MB): the charts of the statistical annex (reports/annex.ts). */
export function loadChartLibs(): Promise<{ echarts: Echarts; resvg: ResvgModule }> {
  return (charts ??= Promise.all([import('echarts'), import('@resvg/resvg-js')])
    .then(([e, r]) => ({ echarts: e, resvg: cjs<ResvgModule>(r) })));
}

type DocxtemplaterClass = typeof import('docxtemplater');
type PizZipClass = typeof import('pizzip');
let templater: Promise<{ Docxtemplater: DocxtemplaterClass; PizZip: PizZipClass }> | undefined;
/** docxtemplater + pizzip (≈ 27 MB): users' own .docx templates (reports/user-templates.ts). */
export function loadTemplater(): Promise<{ Docxtemplater: DocxtemplaterClass; PizZip: PizZipClass }> {
  return (templater ??= Promise.all([import('docxtemplater'), import('pizzip')])
    .then(([d, z]) => ({ Docxtemplater: cjs<DocxtemplaterClass>(d), PizZip: cjs<PizZipClass>(z) })));
}
