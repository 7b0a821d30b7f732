/**
 * Chinese text similarity (文本相似度) for finding similar earlier suggestions and for
 * consolidating residents' opinions (意见梳理归纳) collected during voter contact. Supports
 * the handling and reporting of suggestions (代表法 第51-52条) and deputies' contact with
 * voters (代表法 第4条). Pure: word segmentation via Intl.Segmenter, cosine similarity
 * over term frequencies.
 */

/** Very common function words that carry no topic (停用词). */
const STOP_WORDS: ReadonlySet<string> = new Set([
  '的', '了', '是', '在', '和', '与', '及', '或', '也', '都', '就', '而', '并', '对', '把', '被',
  '有', '我', '我们', '你', '他', '她', '它', '他们', '这', '那', '这个', '那个', '一个', '等',
  '希望', '建议', '请', '要', '能', '会', '让', '给', '从', '向', '为', '以', '之', '其', '很',
]);

const HAN_CHAR_RE = /^\p{Script=Han}$/u;

let segmenter: Intl.Segmenter | null = null;
function getSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

/**
 * Splits Chinese (and mixed) text into terms (中文分词, supports 代表法 第51条 handling):
 * the word-like segments of `Intl.Segmenter('zh', { granularity: 'word' })`, lower-cased,
 * without common function words (停用词), plus the character bigrams of each run of
 * consecutive Chinese content words (prefixed '#' so they never collide with words). The
 * bigrams make matching robust to segmentation differences (道路硬化 / 路面硬化 share
 * '#硬化'). Single-character Chinese words are represented by those bigrams, and kept as
 * terms only when they stand alone.
 */
export function segmentChinese(text: string): string[] {
  const normalized = text.normalize('NFKC').toLowerCase();
  const terms: string[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length === 1) terms.push(run[0] as string);
    for (let i = 0; i + 1 < run.length; i++) terms.push(`#${run[i] as string}${run[i + 1] as string}`);
    run = [];
  };
  for (const seg of getSegmenter().segment(normalized)) {
    const w = seg.segment;
    if (seg.isWordLike !== true || STOP_WORDS.has(w)) {
      flush();
      continue;
    }
    const chars = [...w];
    if (chars.every((ch) => HAN_CHAR_RE.test(ch))) {
      if (chars.length > 1) terms.push(w);
      run.push(...chars);
    } else {
      flush();
      terms.push(w);
    }
  }
  flush();
  return terms;
}

/** A sparse term-frequency vector (词频向量). */
export type TermVector = ReadonlyMap<string, number>;

/** Term-frequency vector of a text (词频向量, 代表法 第51条 handling support). */
export function termVector(text: string): TermVector {
  const v = new Map<string, number>();
  for (const t of segmentChinese(text)) v.set(t, (v.get(t) ?? 0) + 1);
  return v;
}

/** Cosine similarity of two term vectors, in [0, 1] (余弦相似度); 0 when either is empty. */
export function cosineSimilarity(a: TermVector, b: TermVector): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, n] of small) dot += n * (large.get(term) ?? 0);
  if (dot === 0) return 0;
  const norm = (v: TermVector): number => Math.sqrt([...v.values()].reduce((s, n) => s + n * n, 0));
  return Math.min(1, Math.max(0, dot / (norm(a) * norm(b))));
}

/**
 * Similarity of two texts in [0, 1] (文本相似度): cosine over term frequencies of
 * {@link segmentChinese}. Identical non-empty texts give 1; texts with no terms give 0.
 * Used to surface similar earlier suggestions (代表法 第51条).
 */
export function similarity(a: string, b: string): number {
  return cosineSimilarity(termVector(a), termVector(b));
}

/** A text with an id, e.g. a suggestion or a resident's opinion. */
export interface TextItem<Id = string> {
  readonly id: Id;
  readonly text: string;
}

/**
 * Groups similar texts (意见梳理归纳, 代表法 第4条 contact with voters) by single-link
 * clustering: two items whose similarity is ≥ `threshold` end up in the same group, and
 * groups are closed under that relation. Every item appears in exactly one group;
 * groups are ordered by their first item, ids inside a group keep input order.
 */
export function groupSimilar<Id>(items: readonly TextItem<Id>[], threshold: number): Id[][] {
  const vectors = items.map((it) => termVector(it.text));
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    let c = i;
    while (parent[c] !== r) {
      const next = parent[c] as number;
      parent[c] = r;
      c = next;
    }
    return r;
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (find(i) === find(j)) continue;
      if (cosineSimilarity(vectors[i] as TermVector, vectors[j] as TermVector) >= threshold) {
        const ri = find(i);
        const rj = find(j);
        parent[Math.max(ri, rj)] = Math.min(ri, rj);
      }
    }
  }
  const groups = new Map<number, Id[]>();
  items.forEach((it, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(it.id);
    else groups.set(root, [it.id]);
  });
  return [...groups.values()];
}

/** A scored match returned by {@link topSimilar}. */
export interface SimilarMatch<Id = string> {
  readonly id: Id;
  readonly score: number;
}

/**
 * The `k` corpus items most similar to `query` with score ≥ `minScore` (and always > 0),
 * best first; ties keep corpus order (相似建议检索, 代表法 第51条).
 */
export function topSimilar<Id>(
  query: string,
  corpus: readonly TextItem<Id>[],
  k = 5,
  minScore = 0.1,
): SimilarMatch<Id>[] {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a non-negative integer, got ${k}`);
  const q = termVector(query);
  return corpus
    .map((it) => ({ id: it.id, score: cosineSimilarity(q, termVector(it.text)) }))
    .filter((m) => m.score > 0 && m.score >= minScore)
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}
