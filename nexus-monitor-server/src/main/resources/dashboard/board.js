// The ward board: one tile per bed, coloured, marked and ordered by its highest active alarm.

/** Alarm priority of an alert: IEC 60601-1-8 / vendor levels. Technical alarms are never clinical: cyan. */
export function priorityOf(alert) {
  if (alert.category === 'technical') return { level: 'low', rank: 1, stars: '*', word: 'TECHNICAL' };
  switch (alert.severity) {
    case 'critical': return { level: 'high', rank: 3, stars: '***', word: 'CRITICAL' };
    case 'high': return { level: 'high', rank: 3, stars: '***', word: 'HIGH' };
    case 'medium': return { level: 'medium', rank: 2, stars: '**', word: 'MEDIUM' };
    default: return { level: 'low', rank: 1, stars: '*', word: 'LOW' };
  }
}

/** Silenced: suppressed when raised, or covered by a silence in force now. */
export const isSilenced = a => a.suppression != null || a.silenced_by != null;

export const unacknowledged = a => a.acknowledgement == null && a.state !== 'acknowledged';

/** The alarm a tile shows: highest priority, unacknowledged before acknowledged, then the newest. */
export function topAlarm(alerts) {
  let top = null;
  for (const a of alerts) {
    if (a.state === 'resolved') continue;
    const key = [priorityOf(a).rank, unacknowledged(a) ? 1 : 0, Date.parse(a.raised_at)];
    if (!top || key[0] > top.key[0] || (key[0] === top.key[0] && (key[1] > top.key[1]
        || (key[1] === top.key[1] && key[2] > top.key[2])))) {
      top = { alert: a, key };
    }
  }
  return top && top.alert;
}

export function ago(ms) {
  if (!(ms >= 0)) return '';
  const s = Math.floor(ms / 1000);
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  if (m < 60) return m + 'm' + String(s % 60).padStart(2, '0');
  const h = Math.floor(m / 60);
  return h + 'h' + String(m % 60).padStart(2, '0');
}

const NUMS = [
  ['HR', b => b.latest.heart_rate, v => Math.round(v.value), 120],
  ['SpO2', b => b.latest.oxygen_saturation, v => Math.round(v.value) + '%', 120],
  ['RR', b => b.latest.respiratory_rate, v => Math.round(v.value), 120],
  ['BP', b => b.latest.blood_pressure_systolic, (v, b) => Math.round(v.value) + '/'
      + (b.latest.blood_pressure_diastolic ? Math.round(b.latest.blood_pressure_diastolic.value) : '–'), 3600],
  ['Temp', b => b.latest.temperature, v => v.value.toFixed(1) + '°', 4 * 3600],
];

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

/** Sort: highest alarm first, unacknowledged first, then by ward and bed. */
export function sortBeds(beds) {
  const rank = b => { const t = topAlarm(b.alerts); return t ? priorityOf(t).rank * 2 + (unacknowledged(t) ? 1 : 0) : 0; };
  return [...beds].sort((x, y) => rank(y) - rank(x) || String(x.ward ?? '').localeCompare(String(y.ward ?? ''))
      || String(x.bed ?? x.patient_id).localeCompare(String(y.bed ?? y.patient_id), undefined, { numeric: true }));
}

/** Renders the tiles; `now` is the server's clock (ms), `open` is called with a patient id. */
export function renderBoard(container, beds, now, open) {
  const tiles = [];
  for (const b of sortBeds(beds)) {
    const top = topAlarm(b.alerts);
    const p = top ? priorityOf(top) : null;
    const t = el('article', 'tile ' + (p ? 'alarm-' + p.level + (unacknowledged(top) ? ' flashing' : ' steady') : 'alarm-none'));
    t.dataset.patient = b.patient_id;
    t.dataset.priority = p ? p.level : 'none';
    t.tabIndex = 0;
    t.setAttribute('role', 'button');
    const head = el('div', 'head');
    head.append(el('span', 'bed', b.bed ? 'Bed ' + b.bed : b.patient_id));
    const news = el('span', 'news risk-' + (b.news2 ? b.news2.risk : 'none'));
    // A partial score is marked by style and title, never by an asterisk (asterisks mean alarm priority).
    news.textContent = b.news2 ? 'NEWS2 ' + b.news2.total + ' ' + b.news2.risk : 'NEWS2 –';
    if (b.news2 && b.news2.partial) news.classList.add('partial');
    news.title = b.news2 && b.news2.partial ? 'partial: not every NEWS2 parameter was measured' : 'NEWS2 and its risk';
    head.append(news);
    const silenced = b.alerts.some(isSilenced);
    if (silenced) {
      const m = el('span', 'mark silenced-mark', '\u{1F507} SILENCED');
      m.title = 'an alarm of this bed is silenced';
      head.append(m);
    }
    t.append(head);
    t.append(el('div', 'who', b.patient_id + (b.ward ? ' · ' + b.ward : '')));
    const alarm = el('div', 'alarm');
    if (top) {
      alarm.textContent = p.stars + ' ' + (unacknowledged(top) ? 'UNACK' : 'ACK') + ' ' + ago(now - Date.parse(top.raised_at))
          + ' ' + top.message;
      alarm.title = p.word + ' ' + (top.category === 'technical' ? '(technical) ' : '') + top.message;
    }
    t.append(alarm);
    const nums = el('div', 'nums');
    for (const [label, get, fmt, freshSeconds] of NUMS) {
      const v = get(b);
      const n = el('div', 'num');
      n.dataset.vital = label;
      if (v) {
        const age = now - Date.parse(v.at);
        if (age > freshSeconds * 1000) n.classList.add('old');
        n.append(el('small', null, label + ' ' + ago(age)), el('b', null, String(fmt(v, b))));
      } else {
        n.append(el('small', null, label + ' none'), el('b', null, '–'));
      }
      nums.append(n);
    }
    t.append(nums);
    t.setAttribute('aria-label', (b.bed ? 'bed ' + b.bed : b.patient_id) + ', ' + (top ? p.word + ' alarm ' + (unacknowledged(top) ? 'unacknowledged' : 'acknowledged') : 'no alarm') + (silenced ? ', silenced' : ''));
    t.addEventListener('click', () => open(b.patient_id));
    t.addEventListener('keydown', e => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(b.patient_id); } });
    tiles.push(t);
  }
  container.replaceChildren(...tiles);
}
