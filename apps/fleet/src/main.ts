// The `fleet` executable. The listen copier (listen-handles.ts) is started as a hidden subcommand and dispatched
// before the commands and their libraries load, so it is ready within a few milliseconds of `fleet serve` asking.
import { LISTEN_COPIER_COMMAND, runListenCopier } from './listen-handles';

if (process.argv[2] === LISTEN_COPIER_COMMAND) {
  runListenCopier();
} else {
  import('./commands').catch((err: unknown) => {
    process.stderr.write(`Failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
