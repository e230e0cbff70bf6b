import type { BenchResults, HttpRun } from '../results.ts';
import type { LatencySummary } from '../stats/percentiles.ts';

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  readonly points: readonly { readonly rate: number; readonly ms: number }[];
}

export interface Panel {
  readonly title: string;
  readonly series: readonly Series[];
}

const PERCENTILES = [
  ['p50', '#1b9e77'],
  ['p95', '#d95f02'],
  ['p99', '#7570b3'],
] as const;

function percentileSeries(
  name: string,
  dashed: boolean,
  points: readonly { rate: number; latency: LatencySummary | undefined }[],
): Series[] {
  return PERCENTILES.map(([key, color]) => ({
    label: `${name} ${key}`,
    color,
    dashed,
    points: points.flatMap(({ rate, latency }) => (latency ? [{ rate, ms: latency[key] }] : [])),
  }));
}

/** The latency panels of a run: the API (ours and the baseline) and end to end, by offered rate. */
export function latencyPanels(results: BenchResults): Panel[] {
  const fixed = (target: HttpRun['target']) =>
    (results.api?.runs ?? []).flatMap((run) =>
      run.target === target && run.offeredRate !== undefined
        ? [{ rate: run.offeredRate, latency: run.latencyMs }]
        : [],
    );
  return [
    {
      title: 'API: POST /applications latency',
      series: [
        ...percentileSeries('prequal-api', false, fixed('ours')),
        ...percentileSeries('baseline', true, fixed('baseline')),
      ],
    },
    {
      title: 'End to end: created_at → decided_at',
      series: percentileSeries(
        'pipeline',
        false,
        (results.e2e?.steps ?? []).map((step) => ({ rate: step.offeredRate, latency: step.latencyMs })),
      ),
    },
  ];
}

const WIDTH = 480;
const HEIGHT = 360;
const MARGIN = { left: 64, right: 32, top: 36, bottom: 96 };

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** 1, 2, 5, 10, 20, 50, ... covering [low, high]. */
export function logTicks(low: number, high: number): number[] {
  const ticks: number[] = [];
  for (let decade = 10 ** Math.floor(Math.log10(low)); decade <= high; decade *= 10) {
    for (const step of [1, 2, 5]) {
      const tick = step * decade;
      if (tick >= low && tick <= high) ticks.push(Number(tick.toPrecision(6)));
    }
  }
  return ticks;
}

function renderPanel(panel: Panel, offsetX: number): string {
  const rates = [...new Set(panel.series.flatMap((series) => series.points.map((point) => point.rate)))].sort(
    (a, b) => a - b,
  );
  const values = panel.series
    .flatMap((series) => series.points.map((point) => point.ms))
    .filter((value) => value > 0);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const parts = [
    `<g transform="translate(${offsetX},0)">`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-weight="bold">${escapeXml(panel.title)}</text>`,
  ];
  if (rates.length === 0 || values.length === 0) {
    parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle">no data</text></g>`);
    return parts.join('\n');
  }
  const low = 10 ** Math.floor(Math.log10(Math.min(...values)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...values) * 1.01));
  const y = (value: number): number =>
    MARGIN.top +
    plotHeight * (1 - (Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)));
  const x = (rate: number): number =>
    MARGIN.left +
    (rates.length === 1 ? plotWidth / 2 : (plotWidth * rates.indexOf(rate)) / (rates.length - 1));
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
  );
  for (const tick of logTicks(low, high)) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end">${tick}</text>`,
    );
  }
  for (const rate of rates) {
    parts.push(
      `<text x="${x(rate).toFixed(1)}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">${rate}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${MARGIN.top + plotHeight + 34}" text-anchor="middle">offered rate (applications/s)</text>`,
    `<text transform="translate(16,${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">latency, ms (log scale)</text>`,
  );
  for (const series of panel.series) {
    const points = series.points.map(
      (point) => `${x(point.rate).toFixed(1)},${y(Math.max(point.ms, low)).toFixed(1)}`,
    );
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<polyline fill="none" stroke="${series.color}" stroke-width="2"${dash} points="${points.join(' ')}"/>`,
      ...points.map((point) => {
        const [cx, cy] = point.split(',');
        return `<circle cx="${cx}" cy="${cy}" r="3" fill="${series.color}"/>`;
      }),
    );
  }
  panel.series.forEach((series, index) => {
    const column = index % 3;
    const row = Math.floor(index / 3);
    const lx = MARGIN.left + column * 135;
    const ly = MARGIN.top + plotHeight + 56 + row * 18;
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${series.color}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 30}" y="${ly}">${escapeXml(series.label)}</text>`,
    );
  });
  parts.push('</g>');
  return parts.join('\n');
}

/** Latency percentiles against offered rate, one panel beside the other, as a standalone SVG. */
export function renderLatencySvg(panels: readonly Panel[], subtitle = ''): string {
  const width = WIDTH * panels.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${HEIGHT + 20}" viewBox="0 0 ${width} ${HEIGHT + 20}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...panels.map((panel, index) => renderPanel(panel, index * WIDTH)),
    `<text x="${width / 2}" y="${HEIGHT + 12}" text-anchor="middle" fill="#666">${escapeXml(subtitle)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
