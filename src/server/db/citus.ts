import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/**
 * Puts a migrated PostgreSQL schema into the shape Citus needs to distribute it by township
 * (`renda citus-prepare`; docs/deployment.md, "Distributing by township (Citus)").
 *
 * Citus's rules for a distributed table: every primary key and unique index includes the
 * distribution column, which is NOT NULL; a foreign key between two distributed tables includes
 * it on both sides; a reference or coordinator-local table has no foreign key to a distributed
 * one. The plan is read from the catalogs of the current schema, so it covers every table the
 * migrations made, and is empty once the schema is in shape (a second run changes nothing).
 *
 * Where each table goes:
 * - tenant tables (a `township_id`, NOT NULL): distributed by `township_id`, co-located;
 * - the audit trail (`audit_log`, `audit_heads`, `audit_anchors`, `audit_breaks`): distributed by
 *   `chain`, co-located with the tenant tables. `chain` is the township id for a township's rows
 *   and `system` for the rows without one (audit.service.ts: `townshipId ?? 'system'`), never
 *   null, so the system chain has a shard like any township, and a township's audit rows lie on
 *   the same shard as the rows they record: the write and its audit row stay on one node;
 * - reference tables (copied to every node): `townships`, `county_notices`, and `users` (county
 *   admins have no township; the username is unique across the county, looked up at login before
 *   any township is known), with `villages` and `units`, which `users` references (a reference
 *   table cannot reference a distributed one; they are small and read by most joins);
 * - `sessions`, on the coordinator only (a Citus local table): a county admin's session has no
 *   township, each is looked up by its id with its user, and written at sign-in and at most once
 *   a minute after, which a reference table would copy to every node;
 * - Kysely's migration bookkeeping stays a plain table on the coordinator.
 */

/** Reference tables, in an order where each one's referenced tables come first. */
export const CITUS_REFERENCE_TABLES = ['townships', 'county_notices', 'villages', 'units', 'users'] as const;
/** Tables kept on the coordinator as Citus local tables (the coordinator must be in the metadata). */
export const CITUS_LOCAL_TABLES = ['sessions'] as const;
/** Plain tables left alone. */
export const CITUS_UNTOUCHED_TABLES = ['kysely_migration', 'kysely_migration_lock'] as const;
/** Tables distributed by another column than township_id. */
export const CITUS_DISTRIBUTION_COLUMNS: Readonly<Record<string, string>> = {
  audit_log: 'chain', audit_heads: 'chain', audit_anchors: 'chain', audit_breaks: 'chain',
};
/** The table the others are co-located with. */
export const CITUS_COLOCATION_ANCHOR = 'suggestions';

export type CitusPlacement = 'distributed' | 'reference' | 'local' | 'untouched';

export interface CitusTable {
  name: string;
  placement: CitusPlacement;
  /** For a distributed table, its distribution column. */
  distributionColumn: string | null;
}

export interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onUpdate: string;
  onDelete: string;
  matchFull: boolean;
  deferrable: boolean;
  deferred: boolean;
  /** The referenced table's index the key relies on. */
  refIndex: string;
}

export interface CitusPlan {
  schema: string;
  /** Whether the citus extension is installed in this database. */
  citus: boolean;
  tables: CitusTable[];
  /** Constraint changes; plain PostgreSQL runs them too. */
  rewrite: string[];
  /** create_reference_table / create_distributed_table and the foreign keys around them (Citus only). */
  distribute: string[];
}

class CitusPlanError extends Error {}
export { CitusPlanError };

/** Where a table goes, by name and columns; throws on a table the rules do not place. */
export function placeTable(name: string, hasTownshipId: boolean): CitusTable {
  if ((CITUS_REFERENCE_TABLES as readonly string[]).includes(name)) return { name, placement: 'reference', distributionColumn: null };
  if ((CITUS_LOCAL_TABLES as readonly string[]).includes(name)) return { name, placement: 'local', distributionColumn: null };
  if ((CITUS_UNTOUCHED_TABLES as readonly string[]).includes(name)) return { name, placement: 'untouched', distributionColumn: null };
  const column = CITUS_DISTRIBUTION_COLUMNS[name] ?? (hasTownshipId ? 'township_id' : null);
  if (!column) throw new CitusPlanError(`Table ${name} has no township_id and is not placed (reference, local or distributed by another column): place it in src/server/db/citus.ts`);
  return { name, placement: 'distributed', distributionColumn: column };
}

const ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
const idList = (cols: string[]) => cols.map(quoteIdent).join(', ');
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function foreignKeyDdl(fk: ForeignKey): string {
  return `ALTER TABLE ${quoteIdent(fk.table)} ADD CONSTRAINT ${quoteIdent(fk.name)} FOREIGN KEY (${idList(fk.columns)}) REFERENCES ${quoteIdent(fk.refTable)} (${idList(fk.refColumns)})`
    + `${fk.matchFull ? ' MATCH FULL' : ''}${fk.onUpdate !== 'a' ? ` ON UPDATE ${ACTIONS[fk.onUpdate]}` : ''}${fk.onDelete !== 'a' ? ` ON DELETE ${ACTIONS[fk.onDelete]}` : ''}`
    + `${fk.deferrable ? ` DEFERRABLE INITIALLY ${fk.deferred ? 'DEFERRED' : 'IMMEDIATE'}` : ''}`;
}

interface KeyRow { table_name: string; name: string; kind: string; columns: string[]; ref_table: string | null; ref_columns: string[] | null; upd: string; del: string; match: string; deferrable: boolean; deferred: boolean; index_name: string | null }
interface IndexRow { table_name: string; name: string; columns: string[] | null; has_expressions: boolean; predicate: string | null; method: string }

/** Reads the current schema's catalogs and plans the statements that put it into Citus's shape. */
export async function planCitus(db: Kysely<DB>): Promise<CitusPlan> {
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
  const tableRows = (await sql<{ name: string; has_township_id: boolean }>`
    select c.relname as name,
           exists (select 1 from information_schema.columns k where k.table_schema = n.nspname and k.table_name = c.relname and k.column_name = 'township_id') as has_township_id
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`.execute(db)).rows;
  const tables = tableRows.map((t) => placeTable(t.name, t.has_township_id));
  const byName = new Map(tables.map((t) => [t.name, t]));
  const columns = (await sql<{ table_name: string; column_name: string; is_nullable: string }>`
    select table_name, column_name, is_nullable from information_schema.columns where table_schema = current_schema()`.execute(db)).rows;
  const nullable = new Set(columns.filter((c) => c.is_nullable === 'YES').map((c) => `${c.table_name}.${c.column_name}`));

  // Primary keys, unique constraints and foreign keys, columns in key order.
  const keys = (await sql<KeyRow>`
    select t.relname as table_name, k.conname as name, k.contype as kind,
           array(select a.attname::text from unnest(k.conkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o) as columns,
           r.relname as ref_table,
           case when k.contype = 'f' then array(select a.attname::text from unnest(k.confkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o) end as ref_columns,
           k.confupdtype as upd, k.confdeltype as del, k.confmatchtype as match, k.condeferrable as deferrable, k.condeferred as deferred,
           i.relname as index_name
      from pg_constraint k
      join pg_class t on t.oid = k.conrelid
      left join pg_class r on r.oid = k.confrelid
      left join pg_class i on i.oid = k.conindid
     where k.connamespace = current_schema()::regnamespace and k.contype in ('p', 'u', 'f')
     order by t.relname, k.conname`.execute(db)).rows;
  // Unique indexes that back no constraint.
  const indexes = (await sql<IndexRow>`
    select t.relname as table_name, c.relname as name,
           array(select a.attname::text from unnest(x.indkey::int2[]) with ordinality u(n, o) join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.n order by u.o) as columns,
           (x.indexprs is not null) as has_expressions, pg_get_expr(x.indpred, x.indrelid) as predicate, m.amname as method
      from pg_index x
      join pg_class c on c.oid = x.indexrelid
      join pg_class t on t.oid = x.indrelid
      join pg_am m on m.oid = c.relam
     where t.relnamespace = current_schema()::regnamespace and x.indisunique
       and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid and k.contype in ('p', 'u'))
     order by t.relname, c.relname`.execute(db)).rows;

  const citus = (await sql<{ n: number }>`select count(*)::int as n from pg_extension where extname = 'citus'`.execute(db)).rows[0]!.n > 0;

  const dropFks: string[] = [];
  const notNull: string[] = [];
  const keyChanges: string[] = [];
  const addFks: string[] = [];
  const droppedIndexes = new Set<string>(); // "table.index" whose constraint or index is rebuilt

  for (const t of tables) {
    if (t.placement !== 'distributed') continue;
    const d = t.distributionColumn!;
    if (nullable.has(`${t.name}.${d}`)) notNull.push(`ALTER TABLE ${quoteIdent(t.name)} ALTER COLUMN ${quoteIdent(d)} SET NOT NULL`);
    for (const k of keys.filter((x) => x.table_name === t.name && (x.kind === 'p' || x.kind === 'u'))) {
      if (k.columns.includes(d)) continue;
      droppedIndexes.add(`${t.name}.${k.index_name}`);
      keyChanges.push(`ALTER TABLE ${quoteIdent(t.name)} DROP CONSTRAINT ${quoteIdent(k.name)}, ADD CONSTRAINT ${quoteIdent(k.name)} ${k.kind === 'p' ? 'PRIMARY KEY' : 'UNIQUE'} (${idList([d, ...k.columns])})`);
    }
    for (const x of indexes.filter((i) => i.table_name === t.name)) {
      if (x.has_expressions) throw new CitusPlanError(`Unique index ${x.name} on ${t.name} has expressions: rewrite it by hand with ${d}`);
      if (x.columns!.includes(d)) continue;
      droppedIndexes.add(`${t.name}.${x.name}`);
      keyChanges.push(`DROP INDEX ${quoteIdent(x.name)}`);
      keyChanges.push(`CREATE UNIQUE INDEX ${quoteIdent(x.name)} ON ${quoteIdent(t.name)} USING ${x.method} (${idList([d, ...x.columns!])})${x.predicate ? ` WHERE ${x.predicate}` : ''}`);
    }
  }

  const finalFks: ForeignKey[] = [];
  for (const k of keys.filter((x) => x.kind === 'f')) {
    const fk: ForeignKey = {
      table: k.table_name, name: k.name, columns: k.columns, refTable: k.ref_table!, refColumns: k.ref_columns!,
      onUpdate: k.upd, onDelete: k.del, matchFull: k.match === 'f', deferrable: k.deferrable, deferred: k.deferred, refIndex: k.index_name ?? '',
    };
    const from = byName.get(fk.table)!;
    const to = byName.get(fk.refTable);
    if (!to) throw new CitusPlanError(`Foreign key ${fk.name} on ${fk.table} references ${fk.refTable}, outside the schema`);
    let rewritten: ForeignKey | null = null;
    if (to.placement === 'distributed') {
      if (from.placement !== 'distributed') {
        throw new CitusPlanError(`Foreign key ${fk.name}: the ${from.placement} table ${fk.table} references the distributed table ${fk.refTable}, which Citus refuses`);
      }
      if (from.distributionColumn !== to.distributionColumn) {
        throw new CitusPlanError(`Foreign key ${fk.name}: ${fk.table} (by ${from.distributionColumn}) and ${fk.refTable} (by ${to.distributionColumn}) are distributed by different columns`);
      }
      const d = from.distributionColumn!;
      const at = fk.columns.indexOf(d);
      if (at < 0) {
        if (fk.refColumns.includes(d)) throw new CitusPlanError(`Foreign key ${fk.name} references ${fk.refTable}.${d} from another column`);
        if (fk.onDelete === 'n' || fk.onDelete === 'd' || fk.onUpdate === 'n' || fk.onUpdate === 'd') {
          throw new CitusPlanError(`Foreign key ${fk.name} sets columns to NULL or their default, which Citus refuses once ${d} is part of the key`);
        }
        rewritten = { ...fk, columns: [d, ...fk.columns], refColumns: [d, ...fk.refColumns] };
      } else if (fk.refColumns[at] !== d) {
        throw new CitusPlanError(`Foreign key ${fk.name} maps ${fk.table}.${d} to ${fk.refTable}.${fk.refColumns[at]}`);
      }
    } else if (to.placement === 'local' && from.placement === 'distributed') {
      throw new CitusPlanError(`Foreign key ${fk.name}: the distributed table ${fk.table} references the coordinator-local table ${fk.refTable}, which Citus refuses`);
    }
    if (rewritten || droppedIndexes.has(`${fk.refTable}.${fk.refIndex}`)) {
      dropFks.push(`ALTER TABLE ${quoteIdent(fk.table)} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
      addFks.push(foreignKeyDdl(rewritten ?? fk));
    }
    finalFks.push(rewritten ?? fk);
  }

  const rewrite = [...dropFks, ...notNull, ...keyChanges, ...addFks];
  const distribute = citus ? await planDistribution(db, tables, finalFks) : [];
  return { schema, citus, tables, rewrite, distribute };
}

/**
 * The Citus calls, for the tables not yet in Citus's metadata: the foreign keys touching them are
 * dropped first and added back last, so the order of the calls does not matter to Citus's checks
 * (a table referenced by a plain one, a plain one referencing a reference table), and Citus
 * checks every key as it is added back.
 */
async function planDistribution(db: Kysely<DB>, tables: CitusTable[], fks: ForeignKey[]): Promise<string[]> {
  const known = new Set((await sql<{ name: string }>`
    select c.relname as name from pg_dist_partition p join pg_class c on c.oid = p.logicalrelid
     where c.relnamespace = current_schema()::regnamespace`.execute(db)).rows.map((r) => r.name));
  const toPlace = tables.filter((t) => t.placement !== 'untouched' && !known.has(t.name));
  if (!toPlace.length) return [];
  if (toPlace.some((t) => t.placement === 'local')) {
    const coordinator = (await sql<{ n: number }>`select count(*)::int as n from pg_dist_node where groupid = 0`.execute(db)).rows[0]!.n;
    if (!coordinator) throw new CitusPlanError('Citus local tables need the coordinator in the metadata: run SELECT citus_set_coordinator_host(\'<coordinator host>\', <port>); first');
  }
  const moving = new Set(toPlace.map((t) => t.name));
  const touched = fks.filter((fk) => moving.has(fk.table) || moving.has(fk.refTable));
  const out: string[] = [`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`];
  for (const fk of touched) out.push(`ALTER TABLE ${quoteIdent(fk.table)} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
  for (const name of CITUS_REFERENCE_TABLES) if (moving.has(name)) out.push(`SELECT create_reference_table(${literal(name)})`);
  for (const name of CITUS_LOCAL_TABLES) if (moving.has(name)) out.push(`SELECT citus_add_local_table_to_metadata(${literal(name)})`);
  const distributed = toPlace.filter((t) => t.placement === 'distributed');
  const anchorDone = known.has(CITUS_COLOCATION_ANCHOR);
  const anchor = distributed.find((t) => t.name === CITUS_COLOCATION_ANCHOR);
  if (!anchorDone && !anchor) throw new CitusPlanError(`The co-location anchor ${CITUS_COLOCATION_ANCHOR} is missing`);
  if (anchor) out.push(`SELECT create_distributed_table(${literal(anchor.name)}, ${literal(anchor.distributionColumn!)})`);
  for (const t of distributed) {
    if (t === anchor) continue;
    out.push(`SELECT create_distributed_table(${literal(t.name)}, ${literal(t.distributionColumn!)}, colocate_with => ${literal(CITUS_COLOCATION_ANCHOR)})`);
  }
  for (const fk of touched) out.push(foreignKeyDdl(fk));
  return out;
}

/** Every statement of a plan, in order. */
export function planStatements(plan: CitusPlan): string[] {
  return [...plan.rewrite, ...plan.distribute];
}

/** Plans and applies in one transaction; returns the statements run (none when already in shape). */
export async function applyCitusPlan(db: Kysely<DB>): Promise<{ plan: CitusPlan; statements: string[] }> {
  return db.transaction().execute(async (trx) => {
    // Serialises two runs: the second plans after the first committed, and finds nothing to do.
    await sql`select pg_advisory_xact_lock(hashtext('renda citus-prepare'))`.execute(trx);
    const plan = await planCitus(trx);
    const statements = planStatements(plan);
    for (const s of statements) await sql.raw(s).execute(trx);
    return { plan, statements };
  });
}
