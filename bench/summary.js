// The closing table of `npm run bench`: every row of issue 7's table of targets, with the figure
// measured, the bar and whether it is met. Sections hand their figures to `row`; a row whose figure
// could not be measured says why instead (`skip`).

const rows = [];

/**
 * One bar. `met` is true/false, or undefined when the bar has no pass/fail (a figure printed only).
 * `measured` is the text shown; `note` goes after it (ratios, context).
 */
export function row(what, measured, bar, met, note = '') {
  rows.push({ what, measured, bar, met, note });
}

/** A row that could not be measured on this machine, and why. */
export function skip(what, bar, why) {
  rows.push({ what, measured: `skipped: ${why}`, bar, met: undefined, note: '' });
}

/** Rows recorded so far (for a caller that wants the figures as data). */
export function summaryRows() {
  return rows.slice();
}

/** Prints the table: what | measured | bar | met (✓, ✗, or · for printed-only and skipped rows). */
export function printSummary() {
  const cells = rows.map((r) => [r.what, r.note === '' ? r.measured : `${r.measured} (${r.note})`, r.bar, r.met === undefined ? '·' : r.met ? '✓' : '✗']);
  const head = ['what', 'measured', 'bar', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 3 ? x : x.padEnd(widths[i]))).join(' | ');
  console.log('\nsummary: issue 7 targets (one core)');
  console.log(line(head));
  console.log(widths.map((w, i) => '-'.repeat(i === 3 ? 3 : w)).join('-|-'));
  for (const c of cells) console.log(line(c));
  const judged = rows.filter((r) => r.met !== undefined);
  const met = judged.filter((r) => r.met).length;
  console.log(`${met} of ${judged.length} bars met; ${rows.length - judged.length} rows printed only or skipped`);
}
