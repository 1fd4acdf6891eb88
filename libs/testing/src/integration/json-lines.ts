import { readFileSync } from 'node:fs';

/**
 * The records of a JSON-lines file that a server may still be appending to: only complete lines (those ended by a
 * newline) are parsed, as a log shipper tailing the file reads them; a line still being written is left for the
 * next read. A file that does not exist yet holds no records.
 */
export function readJsonLines<T = Record<string, unknown>>(path: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete.split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}
