/** AST of the SELECT subset the simulator evaluates. */
export type Expr =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: string | number | null }
  | { readonly kind: 'compare'; readonly op: '=' | '!=' | '<' | '<=' | '>' | '>='; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'not'; readonly expr: Expr }
  | { readonly kind: 'like'; readonly expr: Expr; readonly pattern: Expr; readonly negated: boolean }
  | { readonly kind: 'in'; readonly expr: Expr; readonly list: readonly Expr[]; readonly negated: boolean }
  | { readonly kind: 'is_null'; readonly expr: Expr; readonly negated: boolean }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[]; readonly star: boolean };

export type SelectItem =
  | { readonly kind: 'star' }
  | { readonly kind: 'expr'; readonly expr: Expr; readonly label: string };

export interface SelectStatement {
  readonly items: readonly SelectItem[];
  readonly from?: string;
  readonly where?: Expr;
  readonly orderBy: ReadonlyArray<{ readonly expr: Expr; readonly desc: boolean }>;
  readonly limit?: number;
  readonly distinct: boolean;
}

/** An error whose message is what SQLite/osquery would report (e.g. `no such table: foo`). */
export class SqlError extends Error {}
