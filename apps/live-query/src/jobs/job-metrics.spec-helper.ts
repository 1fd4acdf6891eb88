/** A sample of /metrics: the value of `name` whose labels include `labels`, 0 when there is none. */
export async function scrapeMetric(appUrl: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${appUrl}/metrics`)).text();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return 0;
}

/** Jobs of the queue not finished yet (waiting, running or waiting for a retry), as /metrics reports them. */
export async function unfinishedJobs(appUrl: string, queue: string): Promise<number> {
  let n = 0;
  for (const state of ['waiting', 'active', 'delayed']) n += await scrapeMetric(appUrl, 'fleet_job_queue_jobs', { queue, state });
  return n;
}
