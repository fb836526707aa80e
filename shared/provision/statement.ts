// The statement for a review meeting: for one pupil and date range, funded vs rostered vs delivered 1:1 hours by
// week, every missed session with its reason, and progress against each target (ratings and prompt levels over
// time) in plain English. buildStatement makes the data; renderStatementHtml makes a self-contained A4 page
// (every text escaped, no scripts, no remote anything) that the add-on's dialog, the CLI and a browser print.
import {
  PROMPTS,
  RATINGS,
  pupilName,
  type IsoDate,
  type LogEntry,
  type MissedReason,
  type Prompt,
  type Rating,
  type Tracker,
} from '../model';
import { formatTime, formatUkDate } from '../dates';
import { formatDuration } from '../checks/rules';
import { effectiveLogs } from '../corrections';
import { latestOutcomes } from './outcomes';
import { missedByReason, totalMissed, weeklyProvision, type WeekProvision } from './rollup';

export interface StatementWeek {
  week: IsoDate;
  complete: boolean;
  funded?: number;
  rostered: number;
  delivered: number;
  missed: number;
  notRecorded: number;
  /** Other sessions (group, intervention, care): rostered and delivered. */
  otherRostered: number;
  otherDelivered: number;
}

export interface StatementMissed {
  date: IsoDate;
  start: string;
  end: string;
  activity: string;
  staff: string;
  reason: MissedReason | 'Part-delivered';
  detail?: string;
}

export interface StatementTarget {
  id: string;
  text: string;
  outcome?: string;
  area?: string;
  status: string;
  baseline?: string;
  successCriteria?: string;
  points: { date: IsoDate; rating?: Rating; prompt?: Prompt }[];
  /** Plain English, e.g. "Rated Emerging on 03/11/2026 and Secure on 24/11/2026; prompts faded from Verbal to Independent." */
  summary: string;
}

export interface Statement {
  school?: string;
  pupilId: string;
  pupilName: string;
  year?: string;
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  fundedHours?: number;
  weeks: StatementWeek[];
  totals: { funded: number; rostered: number; delivered: number; missed: number; notRecorded: number };
  missedByReason: { reason: MissedReason; minutes: number }[];
  missed: StatementMissed[];
  targets: StatementTarget[];
  /** The opening sentence, e.g. "Over 2 weeks Sam received 28 h of the 30 h of 1:1 support funded (93%)." */
  headline: string;
}

function staffNameOf(tracker: Pick<Tracker, 'staff'>, id: string): string {
  return tracker.staff.find((s) => s.id === id)?.name || id;
}

function weekRow(w: WeekProvision): StatementWeek {
  const row: StatementWeek = {
    week: w.week,
    complete: w.complete,
    rostered: w.oneToOne.rostered,
    delivered: w.oneToOne.delivered,
    missed: totalMissed(w.oneToOne) + w.oneToOne.partShort,
    notRecorded: w.oneToOne.notRecorded,
    otherRostered: w.all.rostered - w.oneToOne.rostered,
    otherDelivered: w.all.delivered - w.oneToOne.delivered,
  };
  if (w.funded !== undefined) row.funded = w.funded;
  return row;
}

/** "Emerging", "Emerging then Secure", "Emerging, Developing and Secure" — repeated levels said once. */
function journey(levels: readonly string[]): string {
  const steps: string[] = [];
  for (const l of levels) if (steps[steps.length - 1] !== l) steps.push(l);
  if (steps.length <= 1) return steps.join('');
  if (steps.length === 2) return `${steps[0]} then ${steps[1]}`;
  return `${steps.slice(0, -1).join(', ')} and then ${steps[steps.length - 1]}`;
}

export function targetSummary(points: StatementTarget['points']): string {
  if (points.length === 0) return 'No progress was logged against this target in this period.';
  const ratings = points.filter((p) => p.rating).map((p) => p.rating!);
  const prompts = points.filter((p) => p.prompt).map((p) => p.prompt!);
  const parts: string[] = [
    `${points.length} observation${points.length === 1 ? '' : 's'} logged between ${formatUkDate(points[0]!.date)} and ${formatUkDate(points[points.length - 1]!.date)}.`,
  ];
  if (ratings.length > 0) {
    const first = RATINGS.indexOf(ratings[0]!);
    const last = RATINGS.indexOf(ratings[ratings.length - 1]!);
    const direction = last > first ? 'moved up' : last < first ? 'moved down' : 'stayed';
    parts.push(
      direction === 'stayed'
        ? `Ratings stayed at ${ratings[0]} (${journey(ratings)}).`
        : `Ratings ${direction} from ${ratings[0]} to ${ratings[ratings.length - 1]} (${journey(ratings)}).`,
    );
  }
  if (prompts.length > 0) {
    const first = PROMPTS.indexOf(prompts[0]!);
    const last = PROMPTS.indexOf(prompts[prompts.length - 1]!);
    parts.push(
      last < first
        ? `Support faded from ${prompts[0]} to ${prompts[prompts.length - 1]} prompting, which is progress towards independence.`
        : last > first
          ? `More support was needed by the end: from ${prompts[0]} to ${prompts[prompts.length - 1]} prompting.`
          : `Prompting stayed at ${prompts[0]}.`,
    );
  }
  return parts.join(' ');
}

export function buildStatement(tracker: Tracker, opts: { pupilId: string; from: IsoDate; to: IsoDate; today: IsoDate }): Statement {
  const pupil = tracker.pupils.find((p) => p.id === opts.pupilId);
  if (!pupil) throw new Error(`There is no pupil with ID "${opts.pupilId}" on the Pupils tab.`);
  if (opts.to < opts.from)
    throw new Error(`The statement's end, ${formatUkDate(opts.to)}, is before its start, ${formatUkDate(opts.from)}.`);
  const logs = effectiveLogs(tracker.logs);
  const weeks =
    weeklyProvision(tracker, {
      from: opts.from,
      to: opts.to,
      today: opts.today,
      pupilIds: [pupil.id],
      outcomes: latestOutcomes(logs, true),
    }).get(pupil.id) ?? [];
  const inRange = (d: IsoDate) => d >= opts.from && d <= opts.to;
  const rows = weeks.map(weekRow);
  const totals = { funded: 0, rostered: 0, delivered: 0, missed: 0, notRecorded: 0 };
  for (const r of rows) {
    totals.funded += r.funded ?? 0;
    totals.rostered += r.rostered;
    totals.delivered += r.delivered;
    totals.missed += r.missed;
    totals.notRecorded += r.notRecorded;
  }
  const reasons = new Map<MissedReason, number>();
  const missed: StatementMissed[] = [];
  for (const w of weeks) {
    for (const x of missedByReason(w.all)) reasons.set(x.reason, (reasons.get(x.reason) ?? 0) + x.minutes);
    for (const s of w.sessions) {
      if (!inRange(s.session.date) || (s.status !== 'Missed' && s.status !== 'Part-delivered')) continue;
      const b = s.session.block;
      missed.push({
        date: s.session.date,
        start: formatTime(b.start),
        end: formatTime(b.end),
        activity: b.activity,
        staff: staffNameOf(tracker, b.staffId),
        reason: s.status === 'Missed' ? (s.missedReason ?? 'Other') : 'Part-delivered',
        ...(s.status === 'Part-delivered'
          ? { detail: `${s.deliveredMinutes} of ${s.rosteredMinutes} minutes happened${s.note ? `: ${s.note}` : ''}` }
          : s.note
            ? { detail: s.note }
            : {}),
      });
    }
  }
  const targets: StatementTarget[] = tracker.targets
    .filter((t) => t.pupilId === pupil.id)
    .map((t) => {
      const points = logs
        .filter((l: LogEntry) => l.targetId === t.id && l.pupilId === pupil.id && (l.rating || l.prompt) && inRange(l.time.slice(0, 10)))
        .sort((a, b) => Date.parse(a.time) - Date.parse(b.time))
        .map((l) => ({ date: l.time.slice(0, 10), ...(l.rating ? { rating: l.rating } : {}), ...(l.prompt ? { prompt: l.prompt } : {}) }));
      const st: StatementTarget = { id: t.id, text: t.text, status: t.status, points, summary: targetSummary(points) };
      if (t.outcome) st.outcome = t.outcome;
      if (t.area) st.area = t.area;
      if (t.baseline) st.baseline = t.baseline;
      if (t.successCriteria) st.successCriteria = t.successCriteria;
      return st;
    });
  const name = pupilName(pupil) || pupil.id;
  const statement: Statement = {
    pupilId: pupil.id,
    pupilName: name,
    from: opts.from,
    to: opts.to,
    today: opts.today,
    weeks: rows,
    totals,
    missedByReason: [...reasons].map(([reason, minutes]) => ({ reason, minutes })).sort((a, b) => b.minutes - a.minutes),
    missed,
    targets,
    headline: headline(name, rows, totals),
  };
  if (tracker.settings.schoolName) statement.school = tracker.settings.schoolName;
  if (pupil.year) statement.year = pupil.year;
  if (pupil.fundedHours !== undefined) statement.fundedHours = pupil.fundedHours;
  return statement;
}

function headline(name: string, rows: readonly StatementWeek[], totals: Statement['totals']): string {
  const weeks = `${rows.length} school week${rows.length === 1 ? '' : 's'}`;
  if (totals.funded > 0) {
    const pct = Math.round((totals.delivered / totals.funded) * 100);
    return `Over ${weeks}, ${name} received ${formatDuration(totals.delivered)} of the ${formatDuration(totals.funded)} of 1:1 support funded (${pct}%).${unrecorded(totals)}`;
  }
  return `Over ${weeks}, ${name} received ${formatDuration(totals.delivered)} of the ${formatDuration(totals.rostered)} of 1:1 support rostered.${unrecorded(totals)}`;
}

/** Sessions with no outcome are neither delivered nor missed: the headline says so rather than let them read as lost. */
function unrecorded(totals: Statement['totals']): string {
  return totals.notRecorded > 0 ? ` A further ${formatDuration(totals.notRecorded)} of sessions have no outcome recorded.` : '';
}

// ---- HTML ----

function esc(s: string | number | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text ending in exactly one full stop, however the tracker wrote it. */
const sentence = (t: string) => (/[.!?]$/.test(t.trim()) ? t.trim() : `${t.trim()}.`);

const hours = (m: number | undefined) => (m === undefined ? '—' : formatDuration(m));

const PRINT_CSS = `
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 "Helvetica Neue", Arial, sans-serif; color: #111; margin: 0; }
main { max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; border-bottom: 1.5px solid #333; padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
p { margin: 1mm 0 2mm; }
.meta { color: #444; }
.headline { font-size: 12pt; font-weight: 600; margin: 4mm 0; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: 600; }
td.n, th.n { text-align: right; white-space: nowrap; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.short { color: #8a1c1c; font-weight: 600; }
.target { break-inside: avoid; border: 1px solid #bbb; padding: 2mm 3mm; margin: 2mm 0; }
.small { font-size: 9pt; color: #444; }
@media screen { body { background: #f3f3f3; } main { background: #fff; padding: 12mm 14mm; margin: 6mm auto; box-shadow: 0 0 4px #aaa; } }
`;

export function renderStatementHtml(s: Statement): string {
  const rows = s.weeks
    .map((w) => {
      const short = w.funded !== undefined && w.complete && w.delivered < w.funded;
      return `<tr><td>w/c ${esc(formatUkDate(w.week))}${w.complete ? '' : ' <span class="small">(in progress)</span>'}</td><td class="n">${esc(hours(w.funded))}</td><td class="n">${esc(hours(w.rostered))}</td><td class="n${short ? ' short' : ''}">${esc(hours(w.delivered))}</td><td class="n">${esc(hours(w.missed))}</td><td class="n">${esc(hours(w.notRecorded))}</td><td class="n">${esc(w.otherRostered ? `${hours(w.otherDelivered)} / ${hours(w.otherRostered)}` : '—')}</td></tr>`;
    })
    .join('\n');
  const t = s.totals;
  const missedRows = s.missed
    .map(
      (m) =>
        `<tr><td>${esc(formatUkDate(m.date))}</td><td>${esc(`${m.start}–${m.end}`)}</td><td>${esc(m.activity)}</td><td>${esc(m.staff)}</td><td>${esc(m.reason)}${m.detail ? `: ${esc(m.detail)}` : ''}</td></tr>`,
    )
    .join('\n');
  const reasons = s.missedByReason.map((r) => `${esc(r.reason)} ${esc(formatDuration(r.minutes))}`).join('; ');
  const targets = s.targets
    .map(
      (x) => `<section class="target"><h3>${esc(x.text)}</h3>
<p class="small">${x.outcome ? `Outcome: ${esc(sentence(x.outcome))} ` : ''}${x.area ? `Area: ${esc(x.area)}. ` : ''}Status: ${esc(x.status)}.${x.baseline ? ` Baseline: ${esc(sentence(x.baseline))}` : ''}${x.successCriteria ? ` Success criteria: ${esc(sentence(x.successCriteria))}` : ''}</p>
<p>${esc(x.summary)}</p>${
        x.points.length > 0
          ? `\n<table><thead><tr><th>Date</th><th>Rating</th><th>Prompt level</th></tr></thead><tbody>${x.points
              .map((p) => `<tr><td>${esc(formatUkDate(p.date))}</td><td>${esc(p.rating ?? '—')}</td><td>${esc(p.prompt ?? '—')}</td></tr>`)
              .join('')}</tbody></table>`
          : ''
      }</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Provision statement: ${esc(s.pupilName)}, ${esc(formatUkDate(s.from))} to ${esc(formatUkDate(s.to))}</title>
<style>${PRINT_CSS}</style></head>
<body><main>
<h1>Provision and progress statement</h1>
<p class="meta">${esc(s.pupilName)} (${esc(s.pupilId)})${s.year ? `, Year ${esc(s.year)}` : ''}${s.school ? ` · ${esc(s.school)}` : ''}<br>
${esc(formatUkDate(s.from))} to ${esc(formatUkDate(s.to))} · funded 1:1 support (EHCP Section F): ${s.fundedHours !== undefined ? `${esc(s.fundedHours)} hours a week` : 'not given'} · prepared ${esc(formatUkDate(s.today))}</p>
<p class="headline">${esc(s.headline)}</p>
<h2>1:1 support by week</h2>
<table><thead><tr><th>Week</th><th class="n">Funded</th><th class="n">Rostered</th><th class="n">Delivered</th><th class="n">Missed</th><th class="n">Not recorded</th><th class="n">Other sessions*</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="7">No sessions in this period.</td></tr>'}
<tr><th>Total</th><th class="n">${esc(hours(t.funded || undefined))}</th><th class="n">${esc(hours(t.rostered))}</th><th class="n">${esc(hours(t.delivered))}</th><th class="n">${esc(hours(t.missed))}</th><th class="n">${esc(hours(t.notRecorded))}</th><th></th></tr>
</tbody></table>
<p class="small">Delivered counts only sessions recorded as delivered (or the recorded minutes of a part-delivered one). "Not recorded" sessions had no outcome by the end of their day and are not counted as delivered. *Group, intervention and care sessions the pupil was in: delivered / rostered.</p>
<h2>Sessions missed</h2>
${s.missed.length > 0 ? `<p>By reason (all sessions): ${reasons || 'none'}.</p>\n<table><thead><tr><th>Date</th><th>Time</th><th>Session</th><th>Staff</th><th>Reason</th></tr></thead><tbody>\n${missedRows}\n</tbody></table>` : '<p>No sessions were recorded as missed in this period.</p>'}
<h2>Progress against targets</h2>
${targets || '<p>No targets are recorded for this pupil.</p>'}
</main></body></html>
`;
}
