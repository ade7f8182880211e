// The central station: sign-in, the live connection, and the views. Plain ES modules, no build step.
import { renderBoard, topAlarm, priorityOf, unacknowledged, isSilenced, ago } from '/dashboard/assets/board.js';

const $ = id => document.getElementById(id);
const state = {
  token: null, user: null, data: null, offset: 0,
  lastSeq: 0, ws: null, live: false, retryMs: 1000, retryTimer: null, refreshTimer: null, lastMessageAt: 0,
  view: 'board', patient: null, selectedAlert: null, vitalSubs: new Set(),
};
const now = () => Date.now() + state.offset;

// ---- sign-in ------------------------------------------------------------------------------------
function tokenFromFragment() {
  const t = new URLSearchParams(location.hash.slice(1)).get('token');
  if (t) {
    sessionStorage.setItem('nexus.token', t);
    // The fragment never reaches the server; clear it from the address bar so it is not shared by accident.
    history.replaceState(null, '', location.pathname);
  }
  return t || sessionStorage.getItem('nexus.token');
}

function showSignIn(message) {
  state.token = null;
  sessionStorage.removeItem('nexus.token');
  setConn('signed-out', 'SIGNED OUT');
  $('views').hidden = true;
  $('offline').hidden = true;
  $('signin').hidden = false;
  $('signin-error').textContent = message || '';
  $('token-input').focus();
}

$('signin-form').addEventListener('submit', e => {
  e.preventDefault();
  state.token = $('token-input').value.trim();
  sessionStorage.setItem('nexus.token', state.token);
  $('token-input').value = '';
  $('signin').hidden = true;
  connect();
});

// ---- REST ---------------------------------------------------------------------------------------
class Refused extends Error { constructor(status, detail) { super(detail); this.status = status; } }

async function api(method, path, body) {
  const r = await fetch(path, {
    method, cache: 'no-store',
    headers: Object.assign({ Authorization: 'Bearer ' + state.token }, body ? { 'Content-Type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  if (r.status === 204) return null;
  const json = await r.json().catch(() => ({}));
  if (!r.ok) throw new Refused(r.status, json.detail || ('HTTP ' + r.status));
  return json;
}

// ---- connection ---------------------------------------------------------------------------------
function setConn(kind, text) {
  $('conn').dataset.state = kind;
  $('conn').textContent = text;
}

/** Not live: nothing that could be taken for a current reading stays on screen. */
function goOffline(detail) {
  state.live = false;
  if (state.ws) { const ws = state.ws; state.ws = null; ws.onclose = null; ws.close(); }
  setConn('offline', 'NOT CONNECTED');
  $('views').hidden = true;
  $('board').replaceChildren();
  $('offline').hidden = false;
  $('offline-detail').textContent = detail + ' No readings are shown: they would not be live.';
  clearTimeout(state.retryTimer);
  $('offline-retry').textContent = 'next try in ' + Math.round(state.retryMs / 1000) + ' s';
  state.retryTimer = setTimeout(connect, state.retryMs);
  state.retryMs = Math.min(state.retryMs * 2, 5000);
}

async function connect() {
  if (!state.token) { showSignIn(); return; }
  setConn('connecting', 'CONNECTING…');
  try {
    await load();
  } catch (e) {
    if (e instanceof Refused && e.status === 401) { showSignIn('The service refused the token: ' + e.message); return; }
    goOffline(e instanceof Refused ? 'The service answered ' + e.status + ': ' + e.message + '.' : 'The monitoring service cannot be reached.');
    return;
  }
  openSocket();
}

function openSocket() {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const id = 'dashboard-' + Math.random().toString(36).slice(2, 10);
  const ws = new WebSocket(proto + '//' + location.host + '/ws/' + id + '?access_token=' + encodeURIComponent(state.token));
  state.ws = ws;
  state.vitalSubs = new Set();
  ws.onopen = () => {
    for (const channel of ['alerts', 'incidents', 'scores']) ws.send(JSON.stringify({ type: 'subscribe', channel, since: state.lastSeq }));
    subscribeVitals();
    state.live = true;
    state.retryMs = 1000;
    state.lastMessageAt = Date.now();
    setConn('live', 'LIVE');
    $('offline').hidden = true;
    $('signin').hidden = true;
    $('views').hidden = false;
    render();
  };
  ws.onmessage = m => {
    state.lastMessageAt = Date.now();
    const msg = JSON.parse(m.data);
    if (msg.type === 'gap') { state.lastSeq = 0; scheduleRefresh(0, true); return; }
    if (typeof msg.seq === 'number' && msg.channel) {
      state.lastSeq = Math.max(state.lastSeq, msg.seq);
      scheduleRefresh(150);
    }
  };
  ws.onclose = () => { if (state.ws === ws) { state.ws = null; goOffline('The live connection closed.'); } };
}

function subscribeVitals() {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN || !state.data) return;
  for (const b of state.data.beds) {
    if (!state.vitalSubs.has(b.patient_id)) {
      state.vitalSubs.add(b.patient_id);
      state.ws.send(JSON.stringify({ type: 'subscribe', channel: 'vitals', patient_id: b.patient_id, since: state.lastSeq }));
    }
  }
}

async function load(resetSeq) {
  const d = await api('GET', '/dashboard/data');
  state.data = d;
  state.user = d.user;
  state.offset = Date.parse(d.server_time) - Date.now();
  // A new server process starts its sequence at 1 again: resume from what this one has said.
  if (resetSeq || state.lastSeq === 0 || state.lastSeq > d.seq) state.lastSeq = d.seq;
  $('user').textContent = 'signed in as ' + d.user;
}

function scheduleRefresh(delay, resetSeq) {
  if (state.refreshTimer) return;
  state.refreshTimer = setTimeout(async () => {
    state.refreshTimer = null;
    try {
      await load(resetSeq);
      subscribeVitals();
      render();
    } catch (e) {
      if (e instanceof Refused && e.status === 401) showSignIn('The service refused the token: ' + e.message);
      else goOffline('The monitoring service cannot be reached.');
    }
  }, delay);
}

// A connection that went silent (no pong) is not live, even if the socket has not noticed yet.
setInterval(() => {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) return;
  if (Date.now() - state.lastMessageAt > 25000) { state.ws.close(); return; }
  state.ws.send(JSON.stringify({ type: 'ping' }));
}, 10000);
// Ages tick every second on the board; the alert list reloads on events and view changes only.
setInterval(() => { if (state.live) render(false); }, 1000);
setInterval(() => { if (state.live) scheduleRefresh(0); }, 15000);

// ---- views --------------------------------------------------------------------------------------
for (const b of document.querySelectorAll('nav button')) b.addEventListener('click', () => show(b.dataset.view));

function show(view) {
  state.view = view;
  for (const b of document.querySelectorAll('nav button')) b.setAttribute('aria-pressed', String(b.dataset.view === view));
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + view;
  render(true);
}

function render(viewChanged) {
  if (!state.live || !state.data) return;
  const d = state.data;
  const active = d.beds.flatMap(b => b.alerts);
  $('alert-count').textContent = '(' + active.length + ')';
  const unack = active.filter(unacknowledged).length;
  $('board-summary').textContent = d.beds.length + ' bed(s) · ' + active.length + ' active alarm(s), ' + unack + ' unacknowledged · '
      + Object.entries(d.alerts_by_severity).map(([k, v]) => k + ' ' + v).join(', ');
  if (state.view === 'board') renderBoard($('board'), d.beds, now(), openPatient);
  if (state.view === 'alerts' && viewChanged !== false) loadAlerts();
  if (state.view === 'system' && viewChanged) loadSystem();
  if (state.view === 'widgets' && viewChanged) renderWidgets();
  if (state.view === 'patient' && viewChanged) loadPatient();
}

// ---- alert list ---------------------------------------------------------------------------------
$('alert-filters').addEventListener('change', () => loadAlerts());
$('alert-filters').addEventListener('submit', e => { e.preventDefault(); loadAlerts(); });
let alertsLoading = null;

async function loadAlerts() {
  if (alertsLoading) return;
  const f = new FormData($('alert-filters'));
  const q = new URLSearchParams();
  for (const [k, v] of f) if (v) q.set(k, v);
  q.set('limit', '500');
  alertsLoading = api('GET', '/alerts?' + q).finally(() => { alertsLoading = null; });
  let page;
  try { page = await alertsLoading; } catch (e) { $('alerts-empty').hidden = false; $('alerts-empty').textContent = e.message; return; }
  const beds = new Map(state.data.beds.map(b => [b.patient_id, b.bed]));
  const silencedIds = new Set(state.data.beds.flatMap(b => b.alerts).filter(isSilenced).map(a => a.alert_id));
  const silenced = a => a.suppression != null || silencedIds.has(a.alert_id);
  const items = page.items.sort((a, b) => priorityOf(b).rank - priorityOf(a).rank || Date.parse(b.raised_at) - Date.parse(a.raised_at));
  const rows = items.map(a => {
    const tr = document.createElement('tr');
    tr.dataset.alert = a.alert_id;
    tr.dataset.state = a.state;
    if (a.alert_id === state.selectedAlert) tr.className = 'selected';
    const p = priorityOf(a);
    const cells = [p.stars + ' ' + a.severity + (a.category === 'technical' ? ' (technical)' : ''), ago(now() - Date.parse(a.raised_at)),
      (beds.get(a.patient_id) ? 'Bed ' + beds.get(a.patient_id) + ' · ' : '') + a.patient_id, a.ward ?? '',
      a.state + (a.acknowledgement ? ' by ' + a.acknowledgement.actor : '') + (silenced(a) ? ' · SILENCED' : ''),
      a.rule + (a.key ? '/' + a.key : ''), a.message];
    cells.forEach((c, i) => { const td = tr.insertCell(); td.textContent = c; if (i === 0) td.className = 'sev-' + p.level; });
    const actions = tr.insertCell();
    if (a.state !== 'resolved') {
      if (unacknowledged(a)) actions.append(button('Acknowledge', 'ack', () => act('acknowledge', a)));
      if (!silenced(a)) actions.append(button('Silence', 'silence', () => act('silence', a)));
      actions.append(button('Resolve', 'resolve', () => act('resolve', a)));
    }
    actions.append(button('Timeline', 'timeline', () => loadTimeline(a.alert_id)));
    return tr;
  });
  $('alerts').tBodies[0].replaceChildren(...rows);
  $('alerts-empty').hidden = rows.length > 0;
  $('alerts-empty').textContent = 'No alerts match.';
}

function button(text, cls, onClick) {
  const b = document.createElement('button');
  b.type = 'button'; b.textContent = text; b.className = cls;
  b.addEventListener('click', e => { e.stopPropagation(); onClick(); });
  return b;
}

/** Acknowledge, silence or resolve through the API with the signed-in user's token; a reason is required. */
function act(kind, alert) {
  const dlg = $('action-dialog');
  $('action-title').textContent = { acknowledge: 'Acknowledge', silence: 'Silence', resolve: 'Resolve' }[kind] + ' ' + alert.alert_id
      + ' (' + alert.patient_id + ', ' + alert.rule + ')';
  $('silence-minutes-label').hidden = kind !== 'silence';
  $('action-reason').value = '';
  $('action-error').textContent = '';
  $('action-cancel').onclick = () => dlg.close();
  $('action-form').onsubmit = async e => {
    e.preventDefault();
    const reason = $('action-reason').value.trim();
    if (!reason) { $('action-error').textContent = 'A reason is required.'; return; }
    try {
      if (kind === 'silence') {
        await api('POST', '/silences', { patient_id: alert.patient_id, rules: [alert.rule],
          duration_minutes: Number($('silence-minutes').value), comment: reason });
      } else {
        await api('PUT', '/alerts/' + encodeURIComponent(alert.alert_id) + '/' + kind, { reason });
      }
      dlg.close();
      await load();
      render();
      loadAlerts();
      if (state.selectedAlert === alert.alert_id) loadTimeline(alert.alert_id);
    } catch (err) {
      $('action-error').textContent = 'The service answered ' + (err.status ?? '') + ': ' + err.message;
    }
  };
  dlg.showModal();
  $('action-reason').focus();
}

async function loadTimeline(id) {
  state.selectedAlert = id;
  const t = await api('GET', '/alerts/' + encodeURIComponent(id) + '/timeline');
  $('timeline-alert').textContent = id;
  $('timeline').replaceChildren(...t.records.map(r => {
    const li = document.createElement('li');
    li.dataset.type = r.type;
    li.textContent = new Date(r.at).toLocaleTimeString() + ' — ' + r.type + (r.actor ? ' by ' + r.actor : '') + (r.reason ? ': ' + r.reason : '')
        + (r.data && r.data.recipient ? ' → ' + r.data.recipient : '') + (r.data && r.data.channel ? ' via ' + r.data.channel : '');
    return li;
  }));
  $('timeline-panel').hidden = false;
  for (const tr of $('alerts').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.alert === id);
}

// ---- patient view -------------------------------------------------------------------------------
$('patient-resolution').addEventListener('change', () => loadPatient());

function openPatient(id) {
  state.patient = id;
  $('patient-tab').hidden = false;
  $('patient-tab').textContent = 'Patient ' + id;
  show('patient');
}

async function loadPatient() {
  const id = state.patient;
  if (!id) return;
  // Only the latest request draws: a slower earlier one (another resolution) must not add its charts.
  const generation = state.patientGeneration = (state.patientGeneration || 0) + 1;
  const { renderCharts } = await import('/dashboard/assets/charts.js');
  const res = $('patient-resolution').value;
  const [history, bands, patient, alerts] = await Promise.all([
    patientHistory(id, res),
    api('GET', '/config/bands'),
    api('GET', '/patients/' + encodeURIComponent(id)).catch(() => null),
    api('GET', '/alerts/patient/' + encodeURIComponent(id) + '?state=all&limit=1000'),
  ]);
  if (generation !== state.patientGeneration) return;
  const b = Object.assign({}, bands, patient ? patient.bands : {});
  const bed = state.data.beds.find(x => x.patient_id === id);
  $('patient-title').textContent = (bed && bed.bed ? 'Bed ' + bed.bed + ' · ' : '') + id + (bed && bed.ward ? ' · ' + bed.ward : '')
      + (bed && bed.news2 ? ' · NEWS2 ' + bed.news2.total + ' (' + bed.news2.risk + ')' : '') + ' · ' + alerts.items.length + ' alert(s) in view';
  $('charts').replaceChildren();
  renderCharts($('charts'), history, b, alerts.items);
}

/** Continuous vitals, drawn as per-minute medians in the clinical view; the others reading by reading. */
const CONTINUOUS = ['heart_rate', 'oxygen_saturation', 'respiratory_rate'];

async function patientHistory(id, res) {
  const get = r => api('GET', '/vital-signs/' + encodeURIComponent(id) + '/history?resolution=' + r)
      .catch(() => ({ vitals: {}, from: new Date(now() - 3600e3).toISOString(), to: new Date(now()).toISOString(), resolution: r }));
  if (res !== 'clinical') return get(res);
  // Medians for HR, SpO2 and RR (a second-by-second trace hides the trend); NIBP and temperature are
  // sparse: every reading (auto keeps each one, also where only its minute's median is held).
  const [minute, auto] = await Promise.all([get('minute'), get('auto')]);
  const vitals = {};
  const resolutions = {};
  for (const [v, points] of Object.entries(auto.vitals)) {
    const continuous = CONTINUOUS.includes(v);
    vitals[v] = continuous ? (minute.vitals[v] || []) : points;
    resolutions[v] = continuous ? 'per-minute medians' : 'every reading';
  }
  return Object.assign({}, auto, { vitals, resolutions, resolution: 'clinical' });
}

// ---- system panel -------------------------------------------------------------------------------
// From the service's meters (GET /dashboard/system, the ones /metrics exports) and its health; refreshed
// every 5 s while shown.
async function loadSystem() {
  const [m, h, sys] = await Promise.all([api('GET', '/system/metrics'), fetch('/system/health').then(r => r.json()).catch(() => ({})),
    api('GET', '/dashboard/system')]);
  if (state.view !== 'system') return;
  const card = (title, entries) => {
    const c = document.createElement('div'); c.className = 'card';
    const h3 = document.createElement('h3'); h3.textContent = title;
    const dl = document.createElement('dl');
    for (const [k, v] of entries) {
      const dt = document.createElement('dt'); dt.textContent = k.replaceAll('_', ' ');
      const dd = document.createElement('dd'); dd.textContent = typeof v === 'object' ? JSON.stringify(v) : String(v);
      dl.append(dt, dd);
    }
    c.append(h3, dl); return c;
  };
  const table = (title, id, head, rows) => {
    const c = document.createElement('div'); c.className = 'card wide'; c.id = id;
    const h3 = document.createElement('h3'); h3.textContent = title;
    const t = document.createElement('table');
    const tr = document.createElement('tr');
    for (const x of head) { const th = document.createElement('th'); th.scope = 'col'; th.textContent = x; tr.append(th); }
    t.append(tr);
    for (const row of rows) {
      const r = document.createElement('tr'); r.dataset.row = row[0];
      for (const x of row) { const td = document.createElement('td'); td.textContent = String(x); r.append(td); }
      t.append(r);
    }
    if (!rows.length) { const r = document.createElement('tr'); const td = document.createElement('td'); td.colSpan = head.length; td.textContent = 'none yet'; r.append(td); t.append(r); }
    c.append(h3, t); return c;
  };
  const rate = sys.observations.per_second;
  const ms = v => v === undefined ? '–' : v + ' ms';
  $('system').replaceChildren(
    card('Ward', [['patients monitored', sys.patients_monitored],
      ...Object.entries(sys.open_alerts).map(([k, v]) => ['open ' + k, v]),
      ['observation rate', rate === null ? 'measuring…' : rate + ' /s'],
      ['observations rejected', sys.observations.rejected]]),
    table('Engine latency (submit to alert)', 'system-latency', ['event', 'count', 'p50', 'p99', 'p99.9', 'max'],
      Object.entries(sys.engine_latency).map(([e, l]) => [e, l.count, ms(l.p50_ms), ms(l.p99_ms), ms(l.p999_ms), ms(l.max_ms)])),
    table('Delivery outcomes per channel', 'system-delivery', ['channel', 'sent', 'refused for now', 'failed', 'retried', 'dead letters'],
      sys.delivery.map(d => [d.channel, d.sent, d.refused_for_now, d.failed, d.retried, d.dead_lettered])),
    card('Engine', Object.entries(m.engine)),
    card('Paging', Object.entries((h.checks && h.checks.channels) || h.channels || {})),
    card('HTTP', Object.entries(m.http)),
    card('Live stream', Object.entries(m.live).filter(([k]) => k !== 'recent_drops')));
}
setInterval(() => { if (state.live && state.view === 'system') loadSystem().catch(() => {}); }, 5000);

// ---- widgets ------------------------------------------------------------------------------------
$('widget-form').addEventListener('submit', async e => {
  e.preventDefault();
  const f = new FormData(e.target);
  const setting = String(f.get('setting') || '');
  const type = f.get('type');
  const config = type === 'metric' ? { metric: setting || 'open_alerts' }
      : type === 'chart' ? { patient_id: setting.split('/')[0], vital: setting.split('/')[1] || 'heart_rate' }
      : type === 'bed_group' ? { ward: setting } : { severity: setting };
  const x = state.data.widgets.length;
  await api('POST', '/dashboard/widgets', { type, title: f.get('title'), config, position: { x, y: 0, w: 1, h: 1 } });
  e.target.reset();
  await load();
  renderWidgets();
});

function widgetBody(w) {
  const d = state.data;
  const active = d.beds.flatMap(b => b.alerts);
  switch (w.type) {
    case 'metric': {
      const name = w.config.metric;
      const v = name === 'patients' ? d.beds.length : name === 'unacknowledged' ? active.filter(unacknowledged).length
          : d.alerts_by_severity[name] ?? active.length;
      return String(v);
    }
    case 'chart': {
      const bed = d.beds.find(b => b.patient_id === w.config.patient_id);
      const v = bed && bed.latest[w.config.vital];
      return v ? w.config.patient_id + ' ' + w.config.vital + ' ' + v.value + ' (' + ago(now() - Date.parse(v.at)) + ' ago)' : 'no reading';
    }
    case 'bed_group':
      return d.beds.filter(b => !w.config.ward || b.ward === w.config.ward)
          .map(b => { const t = topAlarm(b.alerts); return (b.bed || b.patient_id) + (t ? ' ' + priorityOf(t).stars : ''); }).join(' · ') || 'no beds';
    default:
      return active.filter(a => !w.config.severity || a.severity === w.config.severity)
          .map(a => priorityOf(a).stars + ' ' + a.patient_id + ' ' + a.rule).join('\n') || 'no active alerts';
  }
}

function renderWidgets() {
  const ws = [...state.data.widgets].sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
  $('widgets').replaceChildren(...ws.map(w => {
    const c = document.createElement('div');
    c.className = 'card widget';
    c.dataset.widget = w.widget_id;
    c.style.gridColumn = String(Math.min(w.position.x, 3) + 1);
    const h3 = document.createElement('h3'); h3.textContent = w.title + ' (' + w.type.replace('_', ' ') + ')';
    const body = document.createElement('pre'); body.className = 'value'; body.textContent = widgetBody(w);
    const tools = document.createElement('div'); tools.className = 'tools';
    const move = dx => async () => {
      await api('PUT', '/dashboard/widgets/' + w.widget_id, { type: w.type, title: w.title, config: w.config,
        position: Object.assign({}, w.position, { x: Math.max(0, w.position.x + dx) }) });
      await load(); renderWidgets();
    };
    tools.append(button('◀ Move left', 'left', move(-1)), button('Move right ▶', 'right', move(1)),
      button('Remove', 'remove', async () => { await api('DELETE', '/dashboard/widgets/' + w.widget_id); await load(); renderWidgets(); }));
    c.append(h3, body, tools);
    if (w.type === 'chart') drawWidgetChart(c, w.config);
    return c;
  }));
}

/** A chart widget's trend, from the patient's history (readings where held, per-minute medians before). */
async function drawWidgetChart(card, config) {
  const { renderWidgetChart } = await import('/dashboard/assets/charts.js');
  const history = await api('GET', '/vital-signs/' + encodeURIComponent(config.patient_id) + '/history?resolution=auto')
      .catch(() => null);
  if (!history || !card.isConnected) return;
  renderWidgetChart(card, history, config.vital);
}

// ---- start --------------------------------------------------------------------------------------
state.token = tokenFromFragment();
if (state.token) connect(); else showSignIn();
