/**
 * Whether a SQL statement would run on Citus as Renda distributes it (src/server/db/citus.ts):
 * every distributed table in it is either joined to the others on the distribution column
 * (`township_id`, or `chain` for the audit tables), or constrained by an equality on it to one
 * value (then Citus routes the statement to one shard). Used by
 * test/integration/citus-queries.test.ts on the SQL the app really runs.
 *
 * A pragmatic reading of the compiled SQL, not a parser of the whole grammar:
 * - tables come from FROM, JOIN, UPDATE and DELETE FROM, with their aliases; a parenthesised
 *   SELECT (in FROM, IN, EXISTS, a scalar subquery) and each WITH query is a scope of its own,
 *   whose tables count like the others; a column is resolved through its alias in its scope, then
 *   in the enclosing ones (a correlated subquery's reference to the outer row);
 * - equalities are read from ON and WHERE only: `x.col = y.col`, `x.col = <parameter or literal>`,
 *   `x.col in (<one parameter>)`; one under an OR (at its level or above) proves nothing and is
 *   dropped; equalities are transitive (`a.township_id = t.id and b.township_id = t.id` joins a
 *   and b, as PostgreSQL's equivalence classes do for Citus);
 * - a derived table or WITH query passes a column through when its select list names it plainly
 *   (`x.township_id` or `x.township_id as township_id`); anything computed is opaque;
 * - the target of INSERT is not counted (Citus runs INSERT … SELECT through the coordinator when
 *   it cannot push it down); its SELECT is checked like any other;
 * - the parts of a top-level UNION are read one by one (Citus plans each on its own);
 * - unqualified columns are resolved only in a scope with one table.
 * What it cannot see: equalities inside expressions (`coalesce(…) = …`, CASE), NOT, tuple
 * comparisons `(a, b) in (select …)`, and whether two pinned tables are pinned to the same value
 * (the app always passes one township). Uncorrelated subqueries that Citus could plan on their own
 * (recursive planning) are held to the same rule, which is stricter than Citus.
 */

export interface Verdict {
  /** Distributed tables (instances, by alias) in the statement. */
  tables: string[];
  /** Groups of instances joined on the distribution column; each says whether it is pinned. */
  groups: { tables: string[]; pinned: boolean }[];
  ok: boolean;
}

type Tok = { t: 'word' | 'id' | 'str' | 'num' | 'param' | 'op'; v: string };
interface Group { t: 'group'; items: Item[] }
type Item = Tok | Group;

function tokenize(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && text[i + 1] === '-') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === "'") {
      let j = i + 1;
      while (j < text.length) { if (text[j] === "'" && text[j + 1] === "'") j += 2; else if (text[j] === "'") break; else j++; }
      out.push({ t: 'str', v: text.slice(i, j + 1) }); i = j + 1; continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length) { if (text[j] === '"' && text[j + 1] === '"') j += 2; else if (text[j] === '"') break; else j++; }
      out.push({ t: 'id', v: text.slice(i + 1, j).replace(/""/g, '"') }); i = j + 1; continue;
    }
    const param = /^(\$\d+|\?)/.exec(text.slice(i));
    if (param) { out.push({ t: 'param', v: param[0] }); i += param[0].length; continue; }
    const num = /^\d+(\.\d+)?/.exec(text.slice(i));
    if (num) { out.push({ t: 'num', v: num[0] }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i));
    if (word) { out.push({ t: 'word', v: word[0].toLowerCase() }); i += word[0].length; continue; }
    const op = /^(::|<>|!=|<=|>=|\|\||@@|->>|->|[(),.;=<>+\-*/%|&~!@#^:[\]{}])/.exec(text.slice(i));
    const v = op ? op[0] : c;
    out.push({ t: 'op', v }); i += v.length;
  }
  return out;
}

function nest(toks: Tok[]): Group {
  const root: Group = { t: 'group', items: [] };
  const stack: Group[] = [root];
  for (const tok of toks) {
    if (tok.t === 'op' && tok.v === '(') { const g: Group = { t: 'group', items: [] }; stack.at(-1)!.items.push(g); stack.push(g); }
    else if (tok.t === 'op' && tok.v === ')') { if (stack.length > 1) stack.pop(); }
    else stack.at(-1)!.items.push(tok);
  }
  return root;
}

const isGroup = (x: Item | undefined): x is Group => x?.t === 'group';
const isWord = (x: Item | undefined, ...v: string[]): boolean => x?.t === 'word' && (v.length === 0 || v.includes(x.v));
const isOp = (x: Item | undefined, v: string): boolean => x?.t === 'op' && x.v === v;
const isSubquery = (g: Group): boolean => isWord(g.items[0], 'select', 'with') || (isGroup(g.items[0]) && g.items.length >= 1 && isSubquery(g.items[0]));

/** Words that end a table reference (never an alias). */
const RESERVED = new Set([
  'on', 'using', 'where', 'group', 'having', 'order', 'limit', 'offset', 'returning', 'set', 'values', 'inner', 'left', 'right', 'full',
  'cross', 'join', 'natural', 'outer', 'union', 'intersect', 'except', 'window', 'for', 'fetch', 'select', 'from', 'as', 'and', 'or',
  'not', 'lateral', 'default', 'do', 'conflict', 'into', 'with', 'when', 'then', 'else', 'end', 'case', 'is', 'in', 'between', 'like',
]);
/** Words that start a clause at a statement's top level. */
const CLAUSES = new Set(['select', 'from', 'where', 'group', 'having', 'order', 'limit', 'offset', 'returning', 'set', 'values', 'on', 'using',
  'inner', 'left', 'right', 'full', 'cross', 'join', 'natural', 'union', 'intersect', 'except', 'update', 'delete', 'insert', 'into', 'window']);

interface Instance { id: number; name: string; alias: string; dist: string | null; inner: Scope[]; leg: number }
interface Scope { parent: Scope | null; instances: Instance[]; outputs: Map<string, Tok[]>; conditions: { items: Item[]; scope: Scope }[] }
type Ref = { kind: 'col'; qualifier: string | null; column: string; scope: Scope } | { kind: 'const' };

class Analysis {
  private nextId = 0;
  /** Which part of a top-level UNION is being read: each part is planned on its own. */
  private leg = 0;
  readonly instances: Instance[] = [];
  readonly conditions: { items: Item[]; scope: Scope }[] = [];
  readonly derived: { inst: Instance }[] = [];
  constructor(private readonly distribution: (table: string) => string | null) {}

  /** A statement (possibly WITH … and UNION …) inside `parent`; returns the scopes of its SELECTs. */
  statement(items: Item[], parent: Scope | null, ctes: Map<string, Scope[]>): Scope[] {
    let i = 0;
    const localCtes = new Map(ctes);
    if (isWord(items[0], 'with')) {
      i = 1;
      if (isWord(items[i], 'recursive')) i++;
      for (;;) {
        const name = items[i];
        if (!name || (name.t !== 'word' && name.t !== 'id')) break;
        i++;
        if (isGroup(items[i]) && !isWord(items[i + 1], 'select')) { if (isWord(items[i + 1], 'as')) i++; }
        if (isWord(items[i], 'as')) i++;
        while (isWord(items[i], 'not', 'materialized')) i++;
        const body = items[i];
        if (!isGroup(body)) break;
        localCtes.set(name.v, []);
        localCtes.set(name.v, this.statement(body.items, parent, localCtes));
        i++;
        if (isOp(items[i], ',')) { i++; continue; }
        break;
      }
    }
    const rest = items.slice(i);
    // UNION / INTERSECT / EXCEPT: each part on its own.
    const parts: Item[][] = [[]];
    for (const x of rest) {
      if (isWord(x, 'union', 'intersect', 'except')) { parts.push([]); continue; }
      if (parts.at(-1)!.length === 0 && isWord(x, 'all', 'distinct')) continue;
      parts.at(-1)!.push(x);
    }
    const scopes: Scope[] = [];
    for (const [k, part] of parts.entries()) {
      if (parent === null && parts.length > 1) this.leg = k;
      if (part.length === 1 && isGroup(part[0]) && isSubquery(part[0])) scopes.push(...this.statement(part[0].items, parent, localCtes));
      else if (part.length) scopes.push(this.simple(part, parent, localCtes));
    }
    return scopes;
  }

  private simple(items: Item[], parent: Scope | null, ctes: Map<string, Scope[]>): Scope {
    const scope: Scope = { parent, instances: [], outputs: new Map(), conditions: [] };
    const handled = new Set<Group>();
    let clause = '';
    let selectStart = -1;
    let selectEnd = -1;
    for (let i = 0; i < items.length; i++) {
      const x = items[i]!;
      if (x.t === 'word' && CLAUSES.has(x.v)) {
        if (x.v === 'on' && isWord(items[i + 1], 'conflict')) { clause = 'conflict'; continue; }
        if (clause === 'conflict' && x.v !== 'returning' && x.v !== 'where') continue;
        if (clause === 'select' && selectEnd < 0) selectEnd = i;
        clause = x.v;
        if (x.v === 'select') selectStart = i + 1;
        if (x.v === 'on' || x.v === 'where') scope.conditions.push({ items: this.until(items, i + 1), scope });
        if (x.v === 'from' || x.v === 'join' || x.v === 'update') {
          let j = i + 1;
          for (;;) {
            j = this.tableRef(items, j, scope, ctes, handled);
            if (x.v === 'from' && isOp(items[j], ',')) { j++; continue; }
            break;
          }
          i = j - 1;
        }
        if (x.v === 'into') {
          // INSERT target: not counted; skip the name and its column list.
          let j = i + 1;
          while (j < items.length && !isGroup(items[j]) && !isWord(items[j], 'select', 'values', 'default', 'with')) j++;
          if (isGroup(items[j]) && !isSubquery(items[j] as Group)) handled.add(items[j] as Group);
          i = j - 1;
        }
      }
    }
    if (selectStart >= 0) this.outputs(items.slice(selectStart, selectEnd < 0 ? items.length : selectEnd), scope);
    // Every other parenthesised SELECT in the statement is a scope inside this one.
    const walk = (list: Item[]) => {
      for (const x of list) {
        if (!isGroup(x) || handled.has(x)) continue;
        if (isSubquery(x)) this.statement(x.items, scope, ctes);
        else walk(x.items);
      }
    };
    walk(items);
    this.conditions.push(...scope.conditions);
    return scope;
  }

  /** The items of a clause: up to the next clause word at this level. */
  private until(items: Item[], from: number): Item[] {
    let j = from;
    while (j < items.length && !(items[j]!.t === 'word' && CLAUSES.has((items[j] as Tok).v))) j++;
    return items.slice(from, j);
  }

  private tableRef(items: Item[], i: number, scope: Scope, ctes: Map<string, Scope[]>, handled: Set<Group>): number {
    if (isWord(items[i], 'lateral', 'only')) i++;
    const x = items[i];
    let name: string | null = null;
    let inner: Scope[] = [];
    if (isGroup(x)) {
      handled.add(x);
      inner = isSubquery(x) ? this.statement(x.items, scope, ctes) : [];
      i++;
    } else if (x && (x.t === 'word' || x.t === 'id')) {
      name = x.v;
      i++;
      if (isOp(items[i], '.') && items[i + 1] && (items[i + 1]!.t === 'word' || items[i + 1]!.t === 'id')) { name = (items[i + 1] as Tok).v; i += 2; }
      if (isGroup(items[i])) { handled.add(items[i] as Group); i++; name = null; } // a function in FROM
    } else {
      return i;
    }
    let alias = name ?? '';
    if (isWord(items[i], 'as')) i++;
    const a = items[i];
    if (a && (a.t === 'id' || (a.t === 'word' && !RESERVED.has(a.v)))) { alias = a.v; i++; if (isGroup(items[i])) { handled.add(items[i] as Group); i++; } }
    const cte = name !== null ? ctes.get(name) : undefined;
    if (cte) { inner = cte; name = null; }
    const inst: Instance = { id: this.nextId++, name: name ?? `(${alias || 'subquery'})`, alias, dist: name !== null ? this.distribution(name) : null, inner, leg: this.leg };
    scope.instances.push(inst);
    this.instances.push(inst);
    return i;
  }

  /** The select list's plain column references, by output name. */
  private outputs(items: Item[], scope: Scope): void {
    const parts: Item[][] = [[]];
    for (const x of items) { if (isOp(x, ',')) parts.push([]); else parts.at(-1)!.push(x); }
    for (const p of parts) {
      const q = p[0] && isWord(p[0], 'distinct') ? p.slice(1) : p;
      const toks = q.filter((x): x is Tok => !isGroup(x));
      if (toks.length !== q.length) continue;
      // x.col | col | x.col as name | col as name | x.col name
      let j = 0;
      const ref: Tok[] = [];
      if (toks[j] && (toks[j]!.t === 'word' || toks[j]!.t === 'id')) { ref.push(toks[j]!); j++; }
      if (isOp(toks[j], '.') && toks[j + 1] && (toks[j + 1]!.t === 'word' || toks[j + 1]!.t === 'id')) { ref.push(toks[j + 1]!); j += 2; }
      if (!ref.length) continue;
      let out = ref.at(-1)!.v;
      if (isWord(toks[j], 'as')) j++;
      if (toks[j] && (toks[j]!.t === 'id' || toks[j]!.t === 'word')) { out = toks[j]!.v; j++; }
      if (j !== toks.length) continue;
      scope.outputs.set(out, ref);
    }
  }

  resolve(qualifier: string | null, column: string, scope: Scope): string[] {
    for (let s: Scope | null = scope; s; s = s.parent) {
      let inst: Instance | undefined;
      if (qualifier === null) {
        if (s !== scope) return [];
        if (s.instances.length !== 1) return [];
        inst = s.instances[0];
      } else {
        inst = [...s.instances].reverse().find((x) => x.alias === qualifier);
      }
      if (!inst) continue;
      return [`${inst.id}.${column}`];
    }
    return [];
  }

  /** Equalities of a condition: pairs of nodes (a column `id.col`, or a constant `#n`). */
  equalities(items: Item[], scope: Scope, underOr: boolean, out: [string, string][], consts: { n: number }): void {
    const orHere = underOr || items.some((x) => isWord(x, 'or'));
    const operand = (j: number): { ref: Ref; end: number } | null => {
      const a = items[j];
      if (!a) return null;
      if (a.t === 'param' || a.t === 'str' || a.t === 'num' || isWord(a, 'true', 'false')) return { ref: { kind: 'const' }, end: this.cast(items, j + 1) };
      if (a.t !== 'word' && a.t !== 'id') return null;
      if (a.t === 'word' && (RESERVED.has(a.v) || CLAUSES.has(a.v) || a.v === 'null' || a.v === 'exists')) return null;
      if (isGroup(items[j + 1])) return null; // a function call
      if (isOp(items[j + 1], '.')) {
        const b = items[j + 2];
        if (!b || (b.t !== 'word' && b.t !== 'id')) return null;
        return { ref: { kind: 'col', qualifier: a.v, column: b.v, scope }, end: this.cast(items, j + 3) };
      }
      return { ref: { kind: 'col', qualifier: null, column: a.v, scope }, end: this.cast(items, j + 1) };
    };
    const node = (r: Ref): string[] => (r.kind === 'const' ? [`#${consts.n++}`] : this.resolve(r.qualifier, r.column, r.scope));
    const boundaryBefore = (j: number) => j === 0 || isWord(items[j - 1], 'and', 'where', 'on') ;
    const boundaryAfter = (j: number) => j >= items.length || isWord(items[j], 'and');
    for (let j = 0; j < items.length; j++) {
      const x = items[j]!;
      if (isGroup(x)) { if (!isSubquery(x)) this.equalities(x.items, scope, orHere, out, consts); continue; }
      if (orHere || !boundaryBefore(j)) continue;
      const left = operand(j);
      if (!left) continue;
      if (isOp(items[left.end], '=')) {
        const right = operand(left.end + 1);
        if (!right || !boundaryAfter(right.end)) continue;
        if (left.ref.kind === 'const' && right.ref.kind === 'const') continue;
        for (const l of node(left.ref)) for (const r of node(right.ref)) out.push([l, r]);
      } else if (isWord(items[left.end], 'in') && isGroup(items[left.end + 1])) {
        const list = (items[left.end + 1] as Group).items;
        if (list.length === 1 && (list[0]!.t === 'param' || list[0]!.t === 'str' || list[0]!.t === 'num') && boundaryAfter(left.end + 2)) {
          for (const l of node(left.ref)) out.push([l, `#${consts.n++}`]);
        }
      }
    }
  }

  private cast(items: Item[], j: number): number {
    while (isOp(items[j], '::')) { j++; if (items[j] && !isGroup(items[j])) j++; if (isGroup(items[j])) j++; }
    return j;
  }
}

/** Reads one statement. `distribution` names a table's distribution column, or null when it is not distributed. */
export function checkCitusStatement(text: string, distribution: (table: string) => string | null): Verdict {
  const analysis = new Analysis(distribution);
  analysis.statement(nest(tokenize(text)).items, null, new Map());
  const distributed = analysis.instances.filter((x) => x.dist);
  if (distributed.length < 2) return { tables: distributed.map((x) => x.alias), groups: [], ok: true };

  const parent = new Map<string, string>();
  const find = (a: string): string => { let r = a; while (parent.has(r)) r = parent.get(r)!; return r; };
  const union = (a: string, b: string) => { const x = find(a); const y = find(b); if (x !== y) parent.set(x, y); };
  const pairs: [string, string][] = [];
  const consts = { n: 0 };
  for (const c of analysis.conditions) analysis.equalities(c.items, c.scope, false, pairs, consts);
  // A derived table's or WITH query's column is the inner column its select list names.
  for (const inst of analysis.instances) {
    for (const inner of inst.inner) {
      for (const [name, ref] of inner.outputs) {
        const resolved = analysis.resolve(ref.length === 2 ? ref[0]!.v : null, ref.at(-1)!.v, inner);
        for (const r of resolved) union(`${inst.id}.${name}`, r);
      }
    }
  }
  for (const [a, b] of pairs) union(a, b);
  const pinnedRoots = new Set<string>();
  for (const [a, b] of pairs) for (const n of [a, b]) if (n.startsWith('#')) pinnedRoots.add(find(n));
  const groups = new Map<string, { tables: string[]; pinned: boolean; leg: number }>();
  for (const inst of distributed) {
    const root = find(`${inst.id}.${inst.dist}`);
    const key = `${inst.leg}:${root}`;
    const g = groups.get(key) ?? groups.set(key, { tables: [], pinned: pinnedRoots.has(root), leg: inst.leg }).get(key)!;
    g.tables.push(inst.alias === inst.name ? inst.name : `${inst.name} ${inst.alias}`);
  }
  const list = [...groups.values()];
  const legs = new Set(list.map((g) => g.leg));
  const ok = [...legs].every((leg) => { const l = list.filter((g) => g.leg === leg); return l.length <= 1 || l.every((g) => g.pinned); });
  return { tables: distributed.map((x) => x.alias), groups: list.map(({ tables, pinned }) => ({ tables, pinned })), ok };
}
