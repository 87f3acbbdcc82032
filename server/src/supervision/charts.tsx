/**
 * Bar charts drawn as inline SVG on the server: no script, readable without colour (every
 * bar carries its label and number as text), and described for screen readers by <title>
 * and <desc> referenced from aria-labelledby.
 */
import type { FC } from 'hono/jsx';

export type Tone = 'ok' | 'bad' | 'warn' | 'neutral' | 'muted';
export interface Bar {
  label: string;
  value: number;
  tone?: Tone;
}

const fill: Record<Tone, string> = { ok: '#1f6f3a', bad: '#b00020', warn: '#8a4b00', neutral: '#0b3d91', muted: '#8a8f98' };

// Real pixels vertically, percentages across: the text keeps its size at any card width.
const ROW_H = 30;
const LABEL_END = 34;
const BAR_START = 36;
const BAR_MAX = 44;

/** A horizontal bar chart with the figure written after each bar. */
export const BarChart: FC<{ id: string; title: string; unit: string; bars: Bar[]; format?: (n: number) => string }> = ({ id, title, unit, bars, format }) => {
  const fmt = format ?? ((n: number) => String(n));
  const max = Math.max(0, ...bars.map((b) => b.value));
  const height = bars.length * ROW_H + 8;
  const summary = bars.map((b) => `${b.label} ${fmt(b.value)}${unit}`).join('，');
  return (
    <figure class="chart" style="margin:0 0 1rem">
      <figcaption style="font-weight:600;margin-bottom:.3rem">{title}</figcaption>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        width="100%"
        height={height}
        style="display:block"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        data-chart={id}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary || '没有数据'}</desc>
        {bars.map((b, i) => {
          const y = 4 + i * ROW_H;
          const w = max > 0 ? Math.round((b.value / max) * BAR_MAX * 10) / 10 : 0;
          return (
            <g>
              <title>{`${b.label}：${fmt(b.value)}${unit}`}</title>
              <text x={`${LABEL_END}%`} y={y + 19} text-anchor="end" font-size="14" fill="#1a1a1a">{b.label}</text>
              {b.value > 0 && <rect x={`${BAR_START}%`} y={y + 4} width={`${Math.max(w, 0.5)}%`} height={ROW_H - 10} rx="3" fill={fill[b.tone ?? 'neutral']} />}
              <text x={`${BAR_START + w + 1.5}%`} y={y + 19} font-size="14" fill="#1a1a1a" font-weight="600">{`${fmt(b.value)}${unit}`}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
};
