/**
 * Every audit action the server writes has a label on the audit page in both languages.
 * The actions are read from the server source: each `writeAudit(` call's `action` expression
 * (string literals, ternaries of literals, a parameter fed with literals in the same file, and
 * the few template literals listed in TEMPLATE_EXPANSIONS).
 */
import { describe, expect, it } from 'vitest';
import { enUS } from '../../app/i18n/en-US';
import { zhCN } from '../../app/i18n/zh-CN';

/** The server source, read as text through Vite (the web tsconfig has no Node types). */
const SOURCES = import.meta.glob<string>(['../../../server/**/*.ts', '!../../../server/**/*.test.ts'], { query: '?raw', import: 'default', eager: true });
const sourceFiles = (prefix: string): string[] => Object.keys(SOURCES).filter((path) => path.startsWith(prefix));
const read = (path: string): string => SOURCES[path]!;
const SERVER = '../../../server/';

/** Template-literal actions and the values their placeholder takes. A new template fails the test until listed. */
const TEMPLATE_EXPANSIONS: Record<string, () => string[]> = {
  'article.${step}': () => ['submit', 'return', 'publish', 'unpublish', 'archive'].map((s) => `article.${s}`),
  'motion.${input.decision}': () => ['put_on_agenda', 'convert_to_suggestion'].map((s) => `motion.${s}`),
  // Suggestion workflow events: every `action: '<step>'` handed to recordEvent in the suggestions module.
  'suggestion.${e.action}': () => sourceFiles(`${SERVER}modules/suggestions/`)
    .flatMap((f) => [...read(f).matchAll(/\baction:\s*'([a-z_]+)'/g)].map((m) => `suggestion.${m[1]}`)),
};

/** Index just past the bracket that closes the one at `start`, skipping strings. */
function closeOf(src: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < src.length; i++) {
    const c = src[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c) && --depth === 0) return i + 1;
  }
  return src.length;
}

/** The `action` property's expression of one writeAudit call (`action` alone for the shorthand). */
function actionExpression(call: string): string | null {
  const m = /[{,]\s*action\s*([:,}])/.exec(call);
  if (!m) return null;
  if (m[1] !== ':') return 'action';
  let i = m.index + m[0].length;
  const start = i;
  let depth = 0;
  let quote: string | null = null;
  for (; i < call.length; i++) {
    const c = call[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) { if (depth-- === 0) break; }
    else if (c === ',' && depth === 0) break;
  }
  return call.slice(start, i).trim();
}

const ACTION_LITERAL = /'([a-z_]+(?:\.[a-z_]+)+)'/g;

function writtenActions(): { actions: Map<string, string>; problems: string[] } {
  const actions = new Map<string, string>();
  const problems: string[] = [];
  for (const file of sourceFiles(SERVER)) {
    const src = read(file);
    const where = file.slice(SERVER.length);
    const exprs: string[] = [];
    for (const m of src.matchAll(/\bwriteAudit\(/g)) {
      if (/function\s+$/.test(src.slice(Math.max(0, m.index - 20), m.index))) continue;
      const call = src.slice(m.index + 'writeAudit'.length, closeOf(src, m.index + 'writeAudit'.length));
      const expr = actionExpression(call);
      if (expr === null) problems.push(`${where}: writeAudit call without an action`);
      else exprs.push(expr);
    }
    const families = new Set(exprs.flatMap((e) => [...e.matchAll(ACTION_LITERAL)].map((x) => x[1]!.split('.')[0]!)));
    for (const expr of exprs) {
      if (expr.startsWith('`')) {
        const expand = TEMPLATE_EXPANSIONS[expr.slice(1, -1)];
        if (!expand) problems.push(`${where}: unlisted template action ${expr}`);
        else for (const a of expand()) actions.set(a, where);
        continue;
      }
      const literals = [...expr.matchAll(ACTION_LITERAL)].map((x) => x[1]!);
      if (literals.length > 0) { for (const a of literals) actions.set(a, where); continue; }
      if (/^[A-Za-z_$][\w$]*$/.test(expr)) {
        // A parameter: the literals of a family this file already audits are what callers pass in.
        const fed = [...src.matchAll(ACTION_LITERAL)].map((x) => x[1]!).filter((a) => families.has(a.split('.')[0]!));
        if (fed.length === 0) problems.push(`${where}: cannot resolve action ${expr}`);
        for (const a of fed) actions.set(a, where);
        continue;
      }
      problems.push(`${where}: cannot read action ${expr}`);
    }
  }
  return { actions, problems };
}

function has(resources: unknown, dotted: string): boolean {
  const value = dotted.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], resources);
  return typeof value === 'string' && value.trim() !== '';
}

/** Same lookup as the audit page: its own label, or a suggestion workflow step. */
function labelled(resources: unknown, action: string): boolean {
  if (has(resources, `audit.actions.${action}`)) return true;
  return action.startsWith('suggestion.') && has(resources, `suggestions.events.${action.slice('suggestion.'.length)}`);
}

describe('audit action labels', () => {
  const { actions, problems } = writtenActions();

  it('reads every writeAudit call in the server source', () => {
    expect(problems).toEqual([]);
    expect(actions.size).toBeGreaterThan(100);
    expect(actions.has('village_disclosure.save')).toBe(true);
    expect(actions.has('audit.prune')).toBe(true);
  });

  it('labels every written action in zh-CN and en-US', () => {
    const missing = [...actions.keys()].sort().flatMap((a) => [
      ...(labelled(zhCN, a) ? [] : [`zh-CN ${a} (${actions.get(a)})`]),
      ...(labelled(enUS, a) ? [] : [`en-US ${a} (${actions.get(a)})`]),
    ]);
    expect(missing).toEqual([]);
  });
});
