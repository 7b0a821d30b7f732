import { z } from 'zod';
import type { Block } from '../../documents/official-docx.js';
import { toChineseNumeral } from '../../../domain/session-numbering.js';
import { factDisplay, type YearFacts } from './facts.service.js';
import type { GeneratedRow, TemplateRow } from './reports.repository.js';
import type { SectionNarrative } from './reports.service.js';
import type { SummaryDocument } from './summary.template.js';

const ZCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ZFact = z.object({
  key: z.string(), label: z.string(), labelEn: z.string(),
  value: z.union([z.number(), z.string(), z.null(), z.array(z.record(z.string(), ZCell))]),
  unit: z.string().nullable(), display: z.string(),
  records: z.object({ kind: z.string(), ids: z.array(z.string()), count: z.number() }).nullable(),
  link: z.string().nullable(),
});
export const ZYearFacts = z.object({
  township: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  year: z.number(),
  sections: z.array(z.object({ key: z.string(), title: z.string(), titleEn: z.string(), available: z.boolean(), facts: z.array(ZFact) })),
});

export function presentFacts(f: YearFacts): z.infer<typeof ZYearFacts> {
  return {
    township: f.township, year: f.year,
    sections: f.sections.map((s) => ({
      key: s.key, title: s.title, titleEn: s.titleEn, available: s.available,
      facts: s.facts.map((x) => ({
        key: x.key, label: x.label, labelEn: x.labelEn, value: x.value, unit: x.unit ?? null, display: factDisplay(x),
        records: x.records ? { kind: x.records.kind, ids: x.records.ids, count: x.records.ids.length } : null, link: x.link ?? null,
      })),
    })),
  };
}

export const ZNarrative = z.object({
  key: z.string(), defaultHeading: z.string().nullable(), defaultNarrative: z.string(), heading: z.string().nullable(), body: z.string(),
  isCustom: z.boolean(), updatedAt: z.string().nullable(),
});
export const presentNarrative = (n: SectionNarrative): z.infer<typeof ZNarrative> => n;

export const ZPreview = z.object({
  title: z.string(), signature: z.string(), date: z.string(),
  blocks: z.array(z.object({ type: z.string(), text: z.string(), rows: z.array(z.array(z.string())).optional() })),
});

/** The document as the page previews it: headings numbered as in the .docx. */
export function presentPreview(doc: SummaryDocument): z.infer<typeof ZPreview> {
  let h1 = 0;
  let h2 = 0;
  const blocks = (doc.blocks as Block[]).flatMap((b) => {
    if (b.type === 'heading1') { h1++; h2 = 0; return [{ type: 'heading1', text: `${toChineseNumeral(h1)}、${b.text}` }]; }
    if (b.type === 'heading2') { h2++; return [{ type: 'heading2', text: `（${toChineseNumeral(h2)}）${b.text}` }]; }
    if (b.type === 'paragraph' || b.type === 'heading3') return [{ type: b.type, text: b.text }];
    if (b.type === 'table') return [{ type: 'table', text: b.columns.map((c) => c.header).join(' | '), rows: b.rows }];
    return [];
  });
  const [y, m, d] = doc.date.split('-').map(Number);
  return { title: doc.title, signature: doc.signature, date: `${y}年${m}月${d}日`, blocks };
}

export const ZTemplate = z.object({ id: z.string(), name: z.string(), fileName: z.string(), sizeBytes: z.number(), fields: z.array(z.string()), createdAt: z.string() });
export function presentTemplate(r: TemplateRow): z.infer<typeof ZTemplate> {
  return { id: r.id, name: r.name, fileName: r.file_name, sizeBytes: r.size_bytes, fields: JSON.parse(r.fields_json) as string[], createdAt: r.created_at };
}

export const ZGenerated = z.object({
  id: z.string(), year: z.number(), kind: z.string(), fileName: z.string(), sizeBytes: z.number(), sha256: z.string(),
  articleUrl: z.string().nullable(), generatedAt: z.string(),
});
export function presentGenerated(r: GeneratedRow): z.infer<typeof ZGenerated> {
  return { id: r.id, year: r.year, kind: r.kind, fileName: r.file_name, sizeBytes: r.size_bytes, sha256: r.sha256, articleUrl: r.article_url, generatedAt: r.generated_at };
}
