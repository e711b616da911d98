// `checkout-doctor merge <report.json>…`: shard reports combined into one (src/report/merge.ts),
// rendered in any format (`--format`/`--output`, repeatable as for diagnose), optionally compared
// with a baseline; the exit code follows the rule of diagnose.

import { resolve } from 'node:path';
import { t } from '../engine/types.js';
import { compareWithBaseline, loadBaseline, requireBaselineFor } from '../report/baseline.js';
import { exitCodeFor } from '../report/model.js';
import { mergeReports, type NamedReport } from '../report/merge.js';
import { readReport } from '../report/read-report.js';
import { oneOf, parseLang } from './options.js';
import type { Io } from './output.js';
import { resolveOutputs, writeOutputs } from './outputs.js';

/** The texts of this command (issue 10.4: in one place, out of the logic). */
const MESSAGES = {
  oneReport: t('un des rapports à fusionner', 'one of the reports to merge'),
  theReport: t('le rapport à fusionner', 'the report to merge'),
};

export interface MergeFlags {
  format?: string | string[];
  output?: string | string[];
  failOn?: string;
  baseline?: string;
  lang?: string;
}

export async function merge(io: Io, files: string[], flags: MergeFlags): Promise<number> {
  const failOn = oneOf('--fail-on', flags.failOn, ['warn', 'fail', 'new'] as const, 'fail');
  requireBaselineFor(failOn, flags.baseline);
  const inputs = files.map((file) => ({ file: resolve(io.cwd, file), what: MESSAGES.oneReport }));
  // The baseline may be overwritten (a rolling baseline): it is read before anything is written.
  const destinations = await resolveOutputs(io, flags.format, flags.output, inputs);
  const what = MESSAGES.theReport;
  const reports: NamedReport[] = [];
  for (const file of files) reports.push({ file, report: await readReport(file, io.cwd, what) });
  const baseline = flags.baseline ? await loadBaseline(flags.baseline, io.cwd) : undefined;
  const merged = mergeReports(reports);
  const report = baseline ? compareWithBaseline(merged, baseline, flags.baseline) : merged;
  // Messages of the run (files written) in the language asked, else the reports' own.
  const lang = flags.lang === undefined ? report.lang : parseLang(flags.lang, io.env);
  await writeOutputs(io, report, destinations, lang);
  return exitCodeFor(report, failOn);
}
