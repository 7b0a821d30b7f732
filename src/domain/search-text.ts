/**
 * Chinese full-text search terms (中文全文检索): what is stored in a `search_text` column and
 * what a query is turned into, so that both sides are segmented the same way.
 *
 * Text is segmented with `Intl.Segmenter('zh', { granularity: 'word' })` (via
 * {@link segmentChinese}): its words, plus the character bigrams of every run of Chinese
 * content words. The stored text is those terms, space-separated and deduplicated, so that
 * SQLite FTS5 (unicode61) and PostgreSQL `to_tsvector('simple', …)` each see one term per
 * token. A query matches when the document holds every bigram of the query's Chinese runs
 * and each of its other words: a word found in the middle of a sentence matches however the
 * segmenter split the sentence (路灯 in 主干道路灯 is found although the segmenter may cut
 * 道路|灯).
 */
import { segmentChinese } from './text-similarity.js';

const HAN_RE = /^\p{Script=Han}+$/u;

/** The terms of a text, without the '#' that marks bigrams in segmentChinese. */
function terms(text: string): string[] {
  return segmentChinese(text).map((t) => (t.startsWith('#') ? t.slice(1) : t));
}

/** The value of a `search_text` column for a title and its content (space-separated terms). */
export function searchDocument(...parts: string[]): string {
  return [...new Set(terms(parts.join('\n')))].join(' ');
}

/**
 * The terms a query must all match: the bigrams of its Chinese runs (multi-character Chinese
 * words are covered by those bigrams, which every document holds whatever its own
 * segmentation), single Chinese characters standing alone, and other words (Latin, digits).
 * Empty when the query has no searchable term (e.g. only stop words or punctuation): the
 * caller then falls back to a plain substring match.
 */
export function searchQueryTerms(query: string): string[] {
  const raw = segmentChinese(query);
  const out = raw.filter((t) => t.startsWith('#')).map((t) => t.slice(1));
  for (const t of raw) {
    if (t.startsWith('#')) continue;
    if (HAN_RE.test(t) && [...t].length > 1) continue;
    out.push(t);
  }
  return [...new Set(out)];
}
