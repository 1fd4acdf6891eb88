// `npm run osquery-perf -- --server_url https://127.0.0.1:8080 --enroll_secret s --hosts 5000 --duration 300`
// Simulates osquery agents against one server for a bounded time, then prints and optionally writes stats.
import { runOsqueryPerf } from './osquery-perf-cli';

runOsqueryPerf(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`osquery-perf failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
