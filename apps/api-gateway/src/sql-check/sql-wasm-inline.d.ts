/** sql.js's build with its WebAssembly inlined: no .wasm file to find at run time (the standalone executables have none). */
declare module 'sql.js/dist/sql-wasm-inline.js' {
  import initSqlJs from 'sql.js';

  export default initSqlJs;
}
