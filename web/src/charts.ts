// SPDX-License-Identifier: MIT
// Time-series charts (uPlot on canvas), each in a <figure> with its caption, a text summary and the data as a
// table, so nothing is only in the picture. The incomplete days are shaded and the chosen date is marked.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h, s } from './dom';
import { formatDate, monthNames, t } from './i18n';
import type { Num } from './api';

export interface ChartSeries {
  label: string;
  values: Num[];
  color: string;
  width?: number;
  dash?: number[];
  bars?: boolean;
  fill?: string;
  format: (v: number) => string; // value with its unit, for the legend, summary and table
  summary?: boolean; // this series is described in the text summary (default: the first one)
}

export interface ChartSpec {
  id: string;
  title: string;
  caption: string;
  dates: string[];
  series: ChartSeries[];
  band?: { low: number; high: number; fill: string }; // indexes into series
  hline?: number;
  incompleteFrom?: string | null;
  marker?: string;
  yMin?: number;
  yMaxCap?: number; // the axis stops here even if a value is higher (the caption says so)
  axisFormat: (v: number) => string;
  noDataText: string;
}

export interface ChartHandle {
  figure: HTMLElement;
  setMarker(date: string | undefined): void;
  destroy(): void;
}

const live = new Set<ChartHandle & { resize(width?: number): void }>();

function epoch(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 1000;
}

function lastValue(dates: string[], values: Num[]): { date: string; value: number } | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v !== null && v !== undefined) return { date: dates[i], value: v };
  }
  return null;
}

function maxValue(dates: string[], values: Num[]): { date: string; value: number } | null {
  let best: { date: string; value: number } | null = null;
  values.forEach((v, i) => {
    if (v !== null && v !== undefined && (!best || v > best.value)) best = { date: dates[i], value: v };
  });
  return best;
}

function summaryText(spec: ChartSpec, marker: string | undefined): string {
  const chosen = spec.series.filter((s, i) => s.summary ?? i === 0);
  const named = (s: ChartSeries, text: string) => (chosen.length > 1 ? `${s.label} ${text}` : text);
  const value = (s: ChartSeries, v: Num | undefined) => (v === null || v === undefined ? t('value.none') : s.format(v));
  const sentences: string[] = [];
  if (marker) {
    const i = spec.dates.indexOf(marker);
    const known = chosen.some((s) => i >= 0 && s.values[i] !== null && s.values[i] !== undefined);
    if (known) {
      sentences.push(t('chart.summary.at', { date: formatDate(marker), value: chosen.map((s) => named(s, value(s, i >= 0 ? s.values[i] : null))).join('; ') }));
    } else {
      // The chosen day lies outside what the sources cover: say so rather than let the picture suggest a value.
      const spans = chosen.map((s) => lastValue(spec.dates, s.values)).filter((x) => x);
      const last = spans.length ? spans.map((x) => x!.date).sort().pop()! : null;
      sentences.push(last && marker > last
        ? t('chart.summary.noDataAfter', { date: formatDate(marker), last: formatDate(last) })
        : t('chart.summary.noDataOn', { date: formatDate(marker) }));
    }
  }
  const lasts = chosen.map((s) => ({ s, last: lastValue(spec.dates, s.values) })).filter((x) => x.last);
  if (lasts.length) {
    const date = lasts[0].last!.date;
    if (lasts.every((x) => x.last!.date === date)) {
      const incomplete = spec.incompleteFrom && date >= spec.incompleteFrom ? ` (${t('chart.table.incomplete')})` : '';
      sentences.push(t('chart.summary.last', {
        date: formatDate(date),
        value: lasts.map((x) => named(x.s, x.s.format(x.last!.value))).join('; ') + incomplete,
      }));
    } else {
      sentences.push(t('chart.summary.lastEach', {
        value: lasts.map((x) => named(x.s, `${x.s.format(x.last!.value)} (${formatDate(x.last!.date, 'short')})`)).join('; '),
      }));
    }
  }
  const maxes = chosen.map((s) => ({ s, max: maxValue(spec.dates, s.values) })).filter((x) => x.max);
  if (maxes.length) {
    sentences.push(t('chart.summary.max', {
      value: maxes.map((x) => named(x.s, `${x.s.format(x.max!.value)} (${formatDate(x.max!.date, 'short')})`)).join('; '),
    }));
  }
  return sentences.join(' ').replace(/\.\./g, '.');
}

function dataTable(spec: ChartSpec): HTMLElement {
  const rows: HTMLElement[] = [];
  for (let i = spec.dates.length - 1; i >= 0; i--) {
    const date = spec.dates[i];
    const incomplete = spec.incompleteFrom && date >= spec.incompleteFrom;
    rows.push(
      h('tr', null,
        h('th', { scope: 'row' }, h('time', { datetime: date }, formatDate(date, 'short')), incomplete ? ` (${t('chart.table.incomplete')})` : ''),
        spec.series.map((s) => {
          const v = s.values[i];
          return h('td', null, v === null || v === undefined ? t('value.none') : s.format(v));
        }),
      ),
    );
  }
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': spec.title },
    h('table', { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, spec.title),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('chart.table.date')), spec.series.map((s) => h('th', { scope: 'col' }, s.label)))),
      h('tbody', null, rows),
    ),
  );
}

// The chart's data as the server gave them: CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the
// accents) or JSON, one row per day.
export function chartCsv(spec: ChartSpec): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [[t('chart.table.date'), ...spec.series.map((s) => s.label)].map(quote).join(',')];
  spec.dates.forEach((d, i) => {
    lines.push([d, ...spec.series.map((s) => (s.values[i] === null || s.values[i] === undefined ? '' : String(s.values[i])))].join(','));
  });
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function chartJson(spec: ChartSpec): string {
  return JSON.stringify({ title: spec.title, dates: spec.dates, series: spec.series.map((s) => ({ label: s.label, values: s.values })) });
}

export function downloadLinks(name: string, csv: () => string, json: () => string): HTMLElement {
  const link = (label: string, ext: string, type: string, body: () => string) =>
    h('button', {
      type: 'button',
      class: 'btn btn-small',
      'data-download': ext,
      onclick: () => {
        const url = URL.createObjectURL(new Blob([body()], { type }));
        const a = h('a', { href: url, download: `${name}.${ext}` });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      },
    }, label);
  return h('p', { class: 'downloads no-print' },
    t('download.label'), ' ',
    link(t('download.csv'), 'csv', 'text/csv;charset=utf-8', csv), ' ',
    link(t('download.json'), 'json', 'application/json', json));
}

// A legend key that shows each line's dash as well as its colour.
function lineKey(color: string, width: number, dash?: number[], fill?: string): SVGSVGElement {
  return s('svg', { class: 'line-key', width: 28, height: 12, viewBox: '0 0 28 12', 'aria-hidden': 'true' },
    fill && !width
      ? s('rect', { x: 4, y: 1, width: 20, height: 10, fill })
      : s('line', { x1: 1, y1: 6, x2: 27, y2: 6, stroke: color, 'stroke-width': Math.max(1.5, width), 'stroke-dasharray': dash ? dash.join(' ') : null }));
}

function hasData(spec: ChartSpec): boolean {
  return spec.series.some((s) => s.values.some((v) => v !== null && v !== undefined));
}

export function renderChart(spec: ChartSpec): ChartHandle {
  let marker = spec.marker;
  const plotBox = h('div', { class: 'chart-plot', 'aria-hidden': 'true' });
  const summary = h('p', { class: 'chart-summary' });
  const details = h('details', { class: 'chart-data no-print' }, h('summary', null, t('chart.table.show')));
  details.addEventListener('toggle', () => {
    if (details.open && details.childElementCount === 1) details.append(dataTable(spec));
  });
  const figure = h('figure', { class: 'chart', id: spec.id },
    h('figcaption', null, h('h3', { class: 'chart-title' }, spec.title), h('p', { class: 'chart-caption' }, spec.caption)),
    plotBox, summary, details);
  const downloads = downloadLinks(spec.id, () => chartCsv(spec), () => chartJson(spec));
  figure.append(downloads);

  if (!hasData(spec)) {
    plotBox.remove();
    summary.textContent = spec.noDataText;
    summary.classList.add('chart-nodata');
    details.remove();
    downloads.remove();
    const handle = { figure, setMarker() {}, destroy() {}, resize() {} };
    return handle;
  }
  summary.textContent = summaryText(spec, marker);

  const xs = spec.dates.map(epoch);
  const names = monthNames();
  const drawBackground = (u: uPlot) => {
    const { ctx } = u;
    const { left, top, width, height } = u.bbox;
    if (spec.incompleteFrom && spec.incompleteFrom <= spec.dates[spec.dates.length - 1]) {
      const x0 = Math.max(left, u.valToPos(epoch(spec.incompleteFrom), 'x', true) - 0.5 * (u.bbox.width / Math.max(1, xs.length)));
      if (x0 < left + width) {
        ctx.save();
        ctx.setLineDash([]);
        ctx.fillStyle = 'rgba(90, 90, 90, 0.16)';
        ctx.fillRect(x0, top, left + width - x0, height);
        ctx.restore();
      }
    }
    if (spec.hline !== undefined) {
      const y = u.valToPos(spec.hline, 'y', true);
      if (y >= top && y <= top + height) {
        ctx.save();
        ctx.strokeStyle = '#333';
        ctx.lineWidth = 1.5 * devicePixelRatio;
        ctx.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
        ctx.beginPath();
        ctx.moveTo(left, y);
        ctx.lineTo(left + width, y);
        ctx.stroke();
        ctx.restore();
      }
    }
  };
  const drawMarker = (u: uPlot) => {
    if (!marker) return;
    const x = u.valToPos(epoch(marker), 'x', true);
    const { left, top, width, height } = u.bbox;
    if (x < left || x > left + width) return;
    const { ctx } = u;
    ctx.save();
    ctx.setLineDash([]); // a dashed series leaves its dash on the context
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.restore();
  };

  const series: uPlot.Series[] = [
    { label: t('chart.table.date'), value: (_u, v) => (v === null ? '—' : formatDate(new Date(v * 1000).toISOString().slice(0, 10), 'short')) },
    ...spec.series.map((s): uPlot.Series => ({
      label: s.label,
      stroke: s.color,
      width: s.width ?? 2,
      dash: s.dash,
      fill: s.fill,
      spanGaps: false,
      points: { show: false },
      paths: s.bars ? uPlot.paths.bars!({ size: [0.9, 12], align: 0 }) : undefined,
      value: (_u, v) => (v === null || v === undefined ? t('value.none') : s.format(v)),
    })),
  ];

  const width0 = () => Math.max(260, Math.floor(plotBox.clientWidth || 600));
  const height0 = (w: number) => Math.round(Math.min(320, Math.max(200, w * 0.45)));
  const opts: uPlot.Options = {
    width: width0(),
    height: height0(width0()),
    series,
    bands: spec.band ? [{ series: [spec.band.high + 1, spec.band.low + 1], fill: spec.band.fill }] : undefined,
    scales: {
      x: { time: true },
      y: {
        range: (_u, min, max) => {
          const lo = spec.yMin !== undefined ? Math.min(spec.yMin, min) : min;
          let hi = max === min ? max + 1 : max;
          if (spec.yMaxCap !== undefined) hi = Math.min(hi, spec.yMaxCap);
          return [lo, hi];
        },
      },
    },
    axes: [
      { stroke: '#333', grid: { stroke: '#e3e3e3', width: 1 }, ticks: { stroke: '#bbb', width: 1 } },
      { stroke: '#333', grid: { stroke: '#e3e3e3', width: 1 }, ticks: { stroke: '#bbb', width: 1 }, size: 56, values: (_u, splits) => splits.map(spec.axisFormat) },
    ],
    legend: { show: true, live: true },
    cursor: { drag: { x: true, y: false } },
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    fmtDate: (tpl) => uPlot.fmtDate(tpl, names),
    hooks: {
      drawClear: [drawBackground],
      draw: [drawMarker],
      // The day under the cursor, for the legend's values (and for the browser test to compare with the API).
      setCursor: [(u: uPlot) => {
        const i = u.cursor.idx;
        if (i === null || i === undefined) delete figure.dataset.cursorDate;
        else figure.dataset.cursorDate = spec.dates[i];
      }],
    },
  };
  const data: uPlot.AlignedData = [xs, ...spec.series.map((s) => s.values.map((v) => (v === undefined ? null : v)))];
  const plot = new uPlot(opts, data, plotBox);
  // uPlot's legend markers are solid borders; draw each line's own dash instead.
  plot.root.querySelectorAll('.u-legend .u-series').forEach((row, i) => {
    const marker = row.querySelector<HTMLElement>('.u-marker');
    const serie = spec.series[i - 1];
    if (!marker || !serie) return;
    marker.replaceWith(lineKey(serie.color, serie.bars ? 0 : (serie.width ?? 2), serie.dash, serie.fill));
  });

  let printing = false;
  const resize = (width?: number) => {
    const w = width ?? width0();
    plot.setSize({ width: w, height: height0(w) });
  };
  const observer = new ResizeObserver(() => {
    if (!printing && Math.abs(plot.width - width0()) > 4) resize();
  });
  observer.observe(plotBox);

  const handle = {
    figure,
    setMarker(date: string | undefined) {
      marker = date;
      summary.textContent = summaryText(spec, marker);
      plot.redraw(false);
    },
    destroy() {
      observer.disconnect();
      plot.destroy();
      live.delete(handle);
    },
    resize(width?: number) {
      printing = width !== undefined;
      resize(width);
    },
  };
  live.add(handle);
  // uPlot was sized before the figure was in the document; settle once it is laid out.
  requestAnimationFrame(() => {
    if (plotBox.isConnected && Math.abs(plot.width - width0()) > 4) resize();
  });
  return handle;
}

export function destroyAllCharts(): void {
  for (const c of [...live]) c.destroy();
}

// Printed pages are narrower than most screens: draw the charts at the paper's width, then restore.
window.addEventListener('beforeprint', () => {
  for (const c of live) c.resize(680);
});
window.addEventListener('afterprint', () => {
  for (const c of live) c.resize();
});
