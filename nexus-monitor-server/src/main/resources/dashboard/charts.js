// The patient view: a uPlot trend chart per vital with its band limits, the alerts on the same time axis.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';

const NAMES = {
  heart_rate: 'Heart rate (/min)', oxygen_saturation: 'SpO2 (%)', respiratory_rate: 'Respiratory rate (/min)',
  blood_pressure_systolic: 'Systolic BP (mmHg)', blood_pressure_diastolic: 'Diastolic BP (mmHg)', temperature: 'Temperature (°C)',
};
const ORDER = Object.keys(NAMES);

/** Draws each alert's start as a vertical line, coloured by its priority (asterisks in its label). */
function alertMarks(alerts) {
  return {
    hooks: {
      draw: [u => {
        const ctx = u.ctx;
        ctx.save();
        for (const a of alerts) {
          const x = u.valToPos(Date.parse(a.raised_at) / 1000, 'x', true);
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          const high = a.severity === 'critical' || a.severity === 'high';
          ctx.strokeStyle = a.category === 'technical' ? '#0aa' : high ? '#d00' : a.severity === 'medium' ? '#c90' : '#0aa';
          ctx.lineWidth = 2 * devicePixelRatio;
          ctx.setLineDash([6, 4]);
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          ctx.fillStyle = ctx.strokeStyle;
          ctx.font = (12 * devicePixelRatio) + 'px sans-serif';
          const label = (a.category === 'technical' ? '*' : high ? '***' : a.severity === 'medium' ? '**' : '*') + ' ' + a.rule;
          const w = ctx.measureText(label).width;
          const right = u.bbox.left + u.bbox.width;
          ctx.fillText(label, x + 4 + w > right ? x - 4 - w : x + 4, u.bbox.top + u.bbox.height / 2);
        }
        ctx.restore();
      }],
    },
  };
}

/** NEWS2 over time: a step at each change, held to now, with the medium (5) and high (7) thresholds. */
function news2Chart(container, news2, alerts, from, to) {
  const box = document.createElement('figure');
  box.className = 'chart';
  box.dataset.vital = 'news2';
  box.dataset.points = String(news2.length);
  const title = document.createElement('h3');
  title.textContent = 'NEWS2 — ' + news2.length + ' change(s)';
  const limits = document.createElement('p');
  limits.className = 'limits';
  limits.textContent = 'medium risk from 5 (or 3 in one parameter), high from 7 (red dashes)';
  box.append(title, limits);
  container.append(box);
  const changes = news2.map(p => Date.parse(p.t) / 1000);
  const range = xRange(changes, alerts, from, to);
  const xs = [range[0], ...changes, range[1]];
  const ys = [null, ...news2.map(p => p.v), news2[news2.length - 1].v];
  const u = new uPlot({
    width: 430, height: 180,
    series: [{}, { label: 'NEWS2', stroke: '#7a2bbf', width: 2, paths: uPlot.paths.stepped({ align: 1 }), points: { show: true, size: 5 } },
      { label: 'medium 5', stroke: '#c90', dash: [8, 5], width: 1.5, points: { show: false } },
      { label: 'high 7', stroke: '#d00', dash: [8, 5], width: 1.5, points: { show: false } }],
    scales: { x: { time: true, range }, y: { range: [0, Math.max(10, ...news2.map(p => p.v)) + 1] } },
    legend: { show: true, live: false },
    plugins: [alertMarks(alerts)],
  }, [xs, ys, xs.map(() => 5), xs.map(() => 7)], box);
  box.uplot = u;
  return u;
}

function xRange(xs, alerts, from, to) {
  const times = [...xs, ...alerts.map(a => Date.parse(a.raised_at) / 1000).filter(t => t >= from && t <= to)];
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const pad = Math.max(5, (hi - lo) * 0.05);
  return [lo - pad, hi + pad];
}

/** A chart widget: a small trend of one vital, every point the history holds. */
export function renderWidgetChart(container, history, vital) {
  const points = (history.vitals && history.vitals[vital]) || [];
  const box = document.createElement('figure');
  box.className = 'chart widget-chart';
  box.dataset.vital = vital;
  box.dataset.points = String(points.length);
  container.append(box);
  if (points.length === 0) {
    box.textContent = 'no readings in the period';
    return null;
  }
  const xs = points.map(p => Date.parse(p.t) / 1000);
  const values = points.map(p => p.v);
  const pad = Math.max(1, (Math.max(...values) - Math.min(...values)) * 0.1);
  const u = new uPlot({
    width: 320, height: 120,
    series: [{}, { label: NAMES[vital] || vital, stroke: '#1f5fbf', width: 2, points: { show: true, size: 5 } }],
    scales: { x: { time: true, range: xRange(xs, [], 0, 0) }, y: { range: [Math.min(...values) - pad, Math.max(...values) + pad] } },
    legend: { show: false },
  }, [xs, values], box);
  box.uplot = u;
  return u;
}

/**
 * Renders the charts into `container`: history = the /vital-signs/{id}/history answer, bands = vital ->
 * {normal:[lo,hi], warning:[lo,hi], critical:[lo,hi]}, alerts = the patient's alerts.
 */
export function renderCharts(container, history, bands, alerts) {
  const charts = [];
  const from = Date.parse(history.from) / 1000;
  const to = Date.parse(history.to) / 1000;
  for (const vital of ORDER) {
    const points = history.vitals[vital];
    if (!points) continue;
    const box = document.createElement('figure');
    box.className = 'chart';
    box.dataset.vital = vital;
    box.dataset.points = String(points.length);
    const b = bands[vital];
    const title = document.createElement('h3');
    title.textContent = NAMES[vital] + ' — ' + points.length + ' point(s), '
        + ((history.resolutions && history.resolutions[vital]) || history.resolution);
    const limits = document.createElement('p');
    limits.className = 'limits';
    if (b) {
      box.dataset.limits = b.normal.join(',') + ';' + b.critical.join(',');
      limits.textContent = 'normal ' + b.normal[0] + '–' + b.normal[1] + ' (green dashes), critical ' + b.critical[0] + '–' + b.critical[1] + ' (red dashes)';
    } else {
      limits.textContent = 'no band limits for this vital';
    }
    box.append(title, limits);
    container.append(box);
    const readingsX = points.map(p => Date.parse(p.t) / 1000);
    const range = xRange(readingsX, alerts, from, to);
    // The limits span the whole axis (also for a single NIBP reading): the axis ends carry them, with no reading.
    const xs = [range[0], ...readingsX, range[1]];
    const ys = [null, ...points.map(p => p.v), null];
    const data = [xs, ys];
    const series = [{}, { label: NAMES[vital], stroke: '#1f5fbf', width: 2, points: { show: true, size: 5 } }];
    if (b) {
      const flat = v => xs.map(() => v);
      for (const [name, v, colour] of [['normal low', b.normal[0], '#1a9e3a'], ['normal high', b.normal[1], '#1a9e3a'],
          ['critical low', b.critical[0], '#d00'], ['critical high', b.critical[1], '#d00']]) {
        data.push(flat(v));
        series.push({ label: name + ' ' + v, stroke: colour, dash: [8, 5], width: 1.5, points: { show: false } });
      }
    }
    const values = points.map(p => p.v);
    const lo = Math.min(...values, ...(b ? [b.critical[0]] : []));
    const hi = Math.max(...values, ...(b ? [b.critical[1]] : []));
    const pad = Math.max(1, (hi - lo) * 0.08);
    const u = new uPlot({
      width: 430, height: 180, series,
      // The axis spans the readings (and their alerts), not the whole query window: 20 s of readings
      // squeezed into an hour would look like one vertical line.
      scales: { x: { time: true, range }, y: { range: [lo - pad, hi + pad] } },
      legend: { show: true, live: false },
      plugins: [alertMarks(alerts)],
    }, data, box);
    box.uplot = u; // what is drawn, for the browser tests
    charts.push(u);
  }
  const news2 = history.news2 || [];
  if (news2.length > 0) charts.push(news2Chart(container, news2, alerts, from, to));
  // NEWS2 leads: it sums up the others.
  const n2 = container.querySelector(".chart[data-vital='news2']");
  if (n2) container.prepend(n2);
  if (charts.length === 0) {
    const p = document.createElement('p');
    p.textContent = 'No readings of this patient in the period.';
    container.append(p);
  }
  return charts;
}
