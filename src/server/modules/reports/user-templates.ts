import type Docxtemplater from 'docxtemplater';
import type PizZip from 'pizzip';
import { loadTemplater } from '../../lazy-libs.js';
import { AppError } from '../../errors.js';
import type { FactRow, FactValue } from './facts.types.js';
import { chineseDay, type YearFacts } from './facts.service.js';

/**
 * A user's own .docx template, filled by docxtemplater from the year facts. Placeholders are
 * the catalogue keys in single braces: `{suggestions.received}`; a list fact is a loop whose
 * rows offer their columns: `{#sessions.list}{name}：{date}{/sessions.list}`. A placeholder that
 * is not in the catalogue is refused, naming it.
 */

function printable(v: FactValue | FactRow[keyof FactRow]): unknown {
  if (typeof v === 'string') return chineseDay(v);
  if (Array.isArray(v)) return v.map((row) => Object.fromEntries(Object.entries(row).map(([k, x]) => [k, printable(x)])));
  return v;
}

/** The data docxtemplater reads: every fact by its dotted key (days written the Chinese way). */
export function templateData(facts: YearFacts): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const [key, fact] of facts.byKey) data[key] = printable(fact.value);
  return data;
}

interface Filled { buffer: Buffer; fields: string[]; unknown: string[] }

/**
 * Renders the template, noting every placeholder asked for: the catalogue keys it uses, and the
 * ones neither the catalogue nor the current loop's rows know. (Inner placeholders of a loop over
 * an empty list are not evaluated, so they are checked when the list has rows.)
 */
async function render(buffer: Buffer, data: Record<string, unknown>): Promise<Filled> {
  const { Docxtemplater: DocxtemplaterCtor, PizZip: PizZipCtor } = await loadTemplater();
  let zip: PizZip;
  try {
    zip = new PizZipCtor(buffer);
  } catch {
    throw new AppError('REPORT_TEMPLATE_INVALID', { detail: '不是有效的 .docx 文件' });
  }
  const fields = new Set<string>();
  const unknown = new Set<string>();
  let doc: Docxtemplater;
  try {
    doc = new DocxtemplaterCtor(zip, {
      paragraphLoop: true, linebreaks: true, errorLogging: false,
      parser: (tag: string) => ({
        get(scope: unknown) {
          if (tag === '.') return scope;
          if (Object.hasOwn(data, tag)) fields.add(tag);
          return scope !== null && typeof scope === 'object' ? (scope as Record<string, unknown>)[tag] : undefined;
        },
      }),
      nullGetter: (part: { value?: string }, scopeManager?: { scopeList?: unknown[] }) => {
        const name = part.value ?? '';
        const known = Object.hasOwn(data, name)
          || (scopeManager?.scopeList ?? []).some((sc) => sc !== null && typeof sc === 'object' && Object.hasOwn(sc, name));
        if (!known) unknown.add(name);
        // A fact with no value prints 「无」 rather than leaving a hole in a sentence.
        return known ? '无' : '';
      },
    });
    doc.render(data);
  } catch (err) {
    throw new AppError('REPORT_TEMPLATE_INVALID', { detail: templaterErrorDetail(err) });
  }
  return { buffer: doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }), fields: [...fields], unknown: [...unknown] };
}

function templaterErrorDetail(err: unknown): string {
  const e = err as { properties?: { errors?: { properties?: { explanation?: string } }[]; explanation?: string } };
  const list = e.properties?.errors?.map((x) => x.properties?.explanation).filter(Boolean) ?? [];
  return (list.length ? list : [e.properties?.explanation ?? (err as Error).message]).slice(0, 5).join('；');
}

/** The placeholders of a template and the ones the catalogue does not know. */
export async function inspectTemplate(buffer: Buffer, facts: YearFacts): Promise<{ fields: string[]; unknown: string[] }> {
  const { fields, unknown } = await render(buffer, templateData(facts));
  return { fields, unknown };
}

/** Fills a template from the facts; refuses unknown placeholders by name. */
export async function fillTemplate(buffer: Buffer, facts: YearFacts): Promise<Buffer> {
  const filled = await render(buffer, templateData(facts));
  if (filled.unknown.length) throw new AppError('REPORT_TEMPLATE_FIELD_UNKNOWN', { fields: filled.unknown.map((u) => `{${u}}`).join('、') });
  return filled.buffer;
}
