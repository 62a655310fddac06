/**
 * The QoE dashboard (issue 6; docs/QOE.md): creators see their titles, admins everything. Reads only the
 * daily rollups through GET /api/qoe, and flags rebuffering above 1%, median startup above 3 s and start
 * failures above 0.5%.
 */
import type { QoeFigures, QoeReport } from '@reel/contracts';
import { useEffect, useState } from 'preact/hooks';
import { ApiProblem, get } from '../../lib/api.ts';
import type { PageProps } from '../../lib/router.tsx';
import { BarChart, LineChart } from './charts.tsx';
import './qoe.css';

const pct = (v: number | null, digits = 2) => (v === null ? '–' : `${(v * 100).toFixed(digits)}%`);
const secs = (ms: number | null) => (ms === null ? '–' : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`);
/** Counts on an axis: whole numbers as such, the half-way tick of a small maximum with one decimal. */
const count = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
const kbps = (v: number | null) =>
  v === null ? '–' : v >= 1000 ? `${(v / 1000).toFixed(2)} Mbps` : `${Math.round(v)} kbps`;

function bucketLabels(bounds: number[], unit: (v: number) => string): string[] {
  return [...bounds.map((b) => `<${unit(b)}`), `≥${unit(bounds.at(-1) ?? 0)}`];
}

function Tiles({ f }: { f: QoeFigures }) {
  const tiles: [string, string][] = [
    ['Views', String(f.views)],
    ['Median startup', secs(f.startupP50Ms)],
    ['Rebuffering', pct(f.rebufferRatio)],
    ['Start failures', pct(f.startFailureRate)],
    ['Exits before start', String(f.exitsBeforeStart)],
    ['Average bitrate', kbps(f.avgBitrateKbps)],
    ['Switches per view', f.switchesPerView === null ? '–' : f.switchesPerView.toFixed(1)],
    ['Dropped frames', String(f.droppedFrames)],
  ];
  return (
    <dl class="qoe-tiles">
      {tiles.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Breakdown({ title, rows }: { title: string; rows: (QoeFigures & { key: string })[] }) {
  return (
    <table class="qoe-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{title.replace('By ', '')}</th>
          <th scope="col">Views</th>
          <th scope="col">Median startup</th>
          <th scope="col">Rebuffering</th>
          <th scope="col">Start failures</th>
          <th scope="col">Average bitrate</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.key}</th>
            <td>{r.views}</td>
            <td>{secs(r.startupP50Ms)}</td>
            <td>{pct(r.rebufferRatio)}</td>
            <td>{pct(r.startFailureRate)}</td>
            <td>{kbps(r.avgBitrateKbps)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Report({ report }: { report: QoeReport }) {
  const startup = report.startupHistogram;
  const bitrate = report.bitrateHistogram;
  const startupLabels = bucketLabels(startup.bounds, (ms) => `${ms / 1000}s`);
  const bitrateLabels = bucketLabels(bitrate.bounds, (k) => (k >= 1000 ? `${k / 1000}M` : `${k}k`));
  return (
    <>
      {report.flags.length > 0 && (
        <ul class="qoe-flags" aria-label="Problems">
          {report.flags.map((f) => (
            <li key={f.code} data-flag={f.code}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
      <Tiles f={report.totals} />
      <div class="qoe-charts">
        <BarChart
          title="Video startup time"
          bars={startup.values.map((value, i) => ({ label: startupLabels[i] ?? '', value }))}
          format={count}
          summary={`median ${secs(report.totals.startupP50Ms)} over ${report.totals.starts} starts`}
        />
        <LineChart
          title="Rebuffering over time"
          points={report.days.map((d) => ({ label: d.day.slice(5), value: d.rebufferRatio ?? 0 }))}
          format={(v) => pct(v, 1)}
          threshold={0.01}
          summary={`${pct(report.totals.rebufferRatio)} overall; the line marks 1%`}
        />
        <BarChart
          title="Bitrate distribution (watch time)"
          bars={bitrate.values.map((value, i) => ({ label: bitrateLabels[i] ?? '', value: value / 60_000 }))}
          format={(v) => `${v.toFixed(v < 10 ? 1 : 0)} min`}
          summary={`average ${kbps(report.totals.avgBitrateKbps)}`}
        />
        <BarChart
          title="Start failures per day"
          bars={report.days.map((d) => ({ label: d.day.slice(5), value: d.startFailures }))}
          format={count}
          summary={`${report.totals.startFailures} of ${report.totals.views} views`}
        />
      </div>
      <Breakdown title="By device" rows={report.byDevice.map((d) => ({ ...d, key: d.deviceClass }))} />
      <Breakdown title="By country" rows={report.byCountry.map((d) => ({ ...d, key: d.country }))} />
    </>
  );
}

export default function QoeDashboard({ query }: PageProps) {
  const videoId = query.get('videoId');
  const days = query.get('days') ?? '30';
  const [report, setReport] = useState<QoeReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const params = new URLSearchParams({ days, ...(videoId ? { videoId } : {}) });
    get<QoeReport>(`/api/qoe?${params}`).then(setReport, (e: unknown) =>
      setError(
        e instanceof ApiProblem && e.status === 401
          ? 'Sign in as a creator to see QoE.'
          : String(e instanceof Error ? e.message : e),
      ),
    );
  }, [videoId, days]);
  return (
    <section class="qoe">
      <h1>Quality of experience</h1>
      <p class="qoe-scope">
        {videoId ? 'This title' : 'All your titles'} ·{' '}
        {report ? `${report.from} to ${report.to}` : `last ${days} days`}
      </p>
      {error && <p role="alert">{error}</p>}
      {!report && !error && <p aria-live="polite">Loading…</p>}
      {report && report.totals.views === 0 && <p>No views yet in this period.</p>}
      {report && report.totals.views > 0 && <Report report={report} />}
    </section>
  );
}
