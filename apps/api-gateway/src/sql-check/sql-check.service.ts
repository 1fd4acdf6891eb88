import { Injectable } from '@nestjs/common';
import { authorize } from '@fleet/auth';
import type { Caller } from '@fleet/auth';
import { OSQUERY_SQL_FUNCTIONS, osqueryTables } from '@fleet/contracts';
import type { SqlCheckDto } from '@fleet/contracts';
import initSqlJs from 'sql.js/dist/sql-wasm-inline.js';
import type { Database } from 'sql.js';

/** SQLite's messages for SQL it could not parse; every other prepare error is about names, found after parsing. */
const PARSE_ERROR = /syntax error|incomplete input|unrecognized token|unterminated|too many|nested too deep|parser stack overflow/i;
const NAME_ERROR = /^(no such (table|column|function|module)|ambiguous column name|wrong number of arguments)/i;
const quote = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Checks SQL the way osquery's own engine reads it, without running it: an in-memory SQLite (sql.js, the
 * same parser osquery embeds) holding osquery's core tables as empty tables and its extra functions, where each
 * statement is only prepared. A parse error makes the SQL invalid; an unknown table, column or function is a
 * warning (extensions and newer osquery versions add them), and ends the check of that statement's names.
 */
@Injectable()
export class SqlCheckService {
  private db: Promise<Database> | null = null;

  async check(caller: Caller, sql: string): Promise<SqlCheckDto> {
    authorize(caller, 'query:read', 'any');
    return checkSql(await (this.db ??= openSchemaDatabase()), sql);
  }
}

export async function openSchemaDatabase(): Promise<Database> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  for (const t of osqueryTables()) db.run(`CREATE TABLE ${quote(t.name)} (${t.columns.map(quote).join(', ')})`);
  // sql.js registers a function with its JavaScript arity; -1 is SQLite's "any number of arguments".
  for (const fn of OSQUERY_SQL_FUNCTIONS) db.create_function(fn, Object.defineProperty(() => null, 'length', { value: -1 }));
  return db;
}

/** Prepares (never steps) each statement of `sql` in `db`; see SqlCheckService. */
export function checkSql(db: Database, sql: string): SqlCheckDto {
  const warnings: string[] = [];
  const tables = new Set<string>();
  let statements = 0;
  try {
    for (const stmt of db.iterateStatements(sql)) {
      statements++;
      const text = stmt.getSQL();
      stmt.free();
      if (/^\s*(select|with|values)\b/i.test(text)) for (const t of tablesRead(db, text)) tables.add(t);
    }
  } catch (e) {
    const message = (e as Error).message;
    if (PARSE_ERROR.test(message) || !NAME_ERROR.test(message)) return { valid: false, error: message, warnings, tables: [...tables] };
    warnings.push(hint(message));
    statements++;
  }
  if (statements === 0) return { valid: false, error: 'no SQL statement (only spaces or comments)', warnings, tables: [] };
  return { valid: true, error: null, warnings, tables: [...tables].sort() };
}

/** The tables a prepared read opens, from its bytecode (EXPLAIN compiles, it does not run). */
function tablesRead(db: Database, text: string): string[] {
  const roots = new Map<number, string>();
  for (const [rootpage, name] of db.exec("SELECT rootpage, name FROM sqlite_schema WHERE type = 'table'")[0]?.values ?? []) roots.set(Number(rootpage), String(name));
  // EXPLAIN's columns: addr, opcode, p1, p2 (for OpenRead: the table's root page), …
  const program = db.exec(`EXPLAIN ${text.replace(/;\s*$/, '')}`)[0]?.values ?? [];
  return [...new Set(program.filter((op) => op[1] === 'OpenRead').map((op) => roots.get(Number(op[3]))).filter((n): n is string => n !== undefined))];
}

function hint(message: string): string {
  const table = /^no such table: (?:main\.)?(.+)$/i.exec(message);
  if (table) return `osquery's core tables have no "${table[1]}": hosts answer with an error unless an extension adds it`;
  const fn = /^no such function: (.+)$/i.exec(message);
  if (fn) return `"${fn[1]}" is not an SQLite or osquery function: hosts will answer with an error`;
  return `${message} (in osquery's core schema; a newer osquery or an extension may have it)`;
}
