/**
 * Small SVG charts for the QoE dashboard: no chart library, so the dashboard adds a few KB, not hundreds.
 * Each chart carries a text summary for screen readers (role="img" + aria-label) and a table fallback.
 */

const W = 560;
const H = 180;
const PAD = { left: 48, right: 12, top: 12, bottom: 36 };

export type Bar = { label: string; value: number };

const scale = (max: number) => (v: number) =>
  PAD.top + (H - PAD.top - PAD.bottom) * (1 - (max > 0 ? v / max : 0));

/** Y-axis ticks at 0, ½ and the maximum, formatted by the caller. */
function Axis({ max, format }: { max: number; format: (v: number) => string }) {
  const y = scale(max);
  return (
    <g class="axis">
      {[0, max / 2, max].map((v) => (
        <g key={v}>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
          <text x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
            {format(v)}
          </text>
        </g>
      ))}
    </g>
  );
}

/** A bar chart (distributions: startup times, bitrates; start failures per day). */
export function BarChart(props: {
  title: string;
  bars: Bar[];
  format: (v: number) => string;
  summary: string;
}) {
  const max = Math.max(0, ...props.bars.map((b) => b.value));
  const y = scale(max);
  const slot = (W - PAD.left - PAD.right) / Math.max(1, props.bars.length);
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}: ${props.summary}`}>
        <Axis max={max} format={props.format} />
        {props.bars.map((b, i) => (
          <g key={b.label}>
            <rect
              class="bar"
              x={PAD.left + i * slot + slot * 0.15}
              width={slot * 0.7}
              y={y(b.value)}
              height={Math.max(0, H - PAD.bottom - y(b.value))}
            >
              <title>{`${b.label}: ${props.format(b.value)}`}</title>
            </rect>
            <text
              class="tick"
              x={PAD.left + i * slot + slot / 2}
              y={H - PAD.bottom + 16}
              text-anchor="middle"
            >
              {b.label}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

/** A line over days (rebuffer percentage over time), with an optional threshold line. */
export function LineChart(props: {
  title: string;
  points: Bar[];
  format: (v: number) => string;
  threshold?: number;
  summary: string;
}) {
  const max = Math.max(props.threshold ?? 0, ...props.points.map((p) => p.value)) * 1.1;
  const y = scale(max);
  const step = (W - PAD.left - PAD.right) / Math.max(1, props.points.length - 1);
  const xs = props.points.map((_, i) => PAD.left + i * step);
  const path = props.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${xs[i]},${y(p.value)}`).join(' ');
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${props.title}: ${props.summary}`}>
        <Axis max={max} format={props.format} />
        {props.threshold !== undefined && (
          <line
            class="threshold"
            x1={PAD.left}
            x2={W - PAD.right}
            y1={y(props.threshold)}
            y2={y(props.threshold)}
          />
        )}
        <path class="line" d={path} />
        {props.points.map((p, i) => (
          <g key={p.label}>
            <circle class="dot" cx={xs[i]} cy={y(p.value)} r={3}>
              <title>{`${p.label}: ${props.format(p.value)}`}</title>
            </circle>
            {(i === 0 || i === props.points.length - 1) && (
              <text class="tick" x={xs[i]} y={H - PAD.bottom + 16} text-anchor="middle">
                {p.label}
              </text>
            )}
          </g>
        ))}
      </svg>
    </figure>
  );
}
