import '@mantine/charts/styles.css';
import { AreaChart } from '@mantine/charts';
import { Text, VisuallyHidden } from '@mantine/core';
import type { OnlineHistory } from '../api/dashboard.api';

const hour = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayHour = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit' });

/** One sentence for screen readers and the chart's summary: the latest count and the range over the period. */
export function describeHistory(history: OnlineHistory): string {
  const last = history.points[history.points.length - 1];
  if (!last) return 'No counts recorded yet.';
  const online = history.points.map((p) => p.online_count);
  return `Latest: ${last.online_count} of ${last.total_count} hosts online. Over the last ${history.range === '24h' ? '24 hours' : '7 days'}: between ${Math.min(...online)} and ${Math.max(...online)} online.`;
}

/** Online and total hosts over time, from the counts the server recorded (never interpolated into empty hours). */
export default function OnlineHostsChart({ history }: { history: OnlineHistory }) {
  const format = history.range === '24h' ? hour : dayHour;
  const data = history.points.map((p) => ({ time: format.format(new Date(p.recorded_at)), Online: p.online_count, Total: p.total_count }));
  const summary = describeHistory(history);
  return (
    <figure style={{ margin: 0 }} aria-label="Online hosts chart">
      <AreaChart h={220} data={data} dataKey="time" curveType="monotone" withDots={data.length < 30} withLegend legendProps={{ verticalAlign: 'bottom' }}
        series={[{ name: 'Online', color: 'teal.7' }, { name: 'Total', color: 'gray.6' }]} fillOpacity={0.15} tickLine="y"
        valueFormatter={(v) => v.toLocaleString()} />
      <Text size="xs" c="dimmed" component="figcaption" mt={4}>{summary}</Text>
      <VisuallyHidden>
        <table>
          <caption>Online hosts by time</caption>
          <thead><tr><th scope="col">Time</th><th scope="col">Online</th><th scope="col">Total</th></tr></thead>
          <tbody>{data.map((d, i) => <tr key={i}><td>{d.time}</td><td>{d.Online}</td><td>{d.Total}</td></tr>)}</tbody>
        </table>
      </VisuallyHidden>
    </figure>
  );
}
