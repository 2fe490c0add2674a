/**
 * 换届工作报告 (AFT-REPORT) of a street's round: registration and turnout, each community's figures, the structure of
 * the elected (sex, age band, education), women on the committees, the cross-appointment rate (ORG-CROSS) and the
 * exceptions granted. The same figures as `GET /rounds/:id/report` and its workbook.
 */
import { loadTemplate, say } from '../template.js';
import { documentBuffer, heading, joinZh, newPage, footersOnEveryPage, paragraph, signature, table, title, zhDate, type Doc } from '../layout.js';
import { educationZh } from './labels.js';

export interface RoundReportFigures {
  readonly communities: number;
  readonly registeredVoters: number;
  readonly rcElected: number;
  readonly women: number;
  readonly womenPercent: number | null;
  readonly committeesWithWoman: number;
  readonly committeesElected: number;
  readonly crossBoth: number;
  readonly crossEither: number;
  readonly crossRatePercent: number | null;
  readonly oneShoulder: number;
  readonly turnout: { readonly communities: number; readonly expected: number; readonly present: number; readonly percent: number | null };
  readonly sex: { readonly male: number; readonly female: number; readonly unknown: number };
  readonly ageBands: Readonly<Record<string, number>>;
  readonly education: Readonly<Record<string, number>>;
  readonly exceptionsGranted: number;
}

export interface RoundReportVm {
  readonly roundName: string;
  readonly streetName: string;
  readonly reportDate: string;
  readonly communities: readonly {
    readonly name: string;
    readonly method: 'congress' | 'direct' | 'household';
    readonly electionDay: string;
    readonly registeredVoters: number;
    readonly turnoutPercent: number | null;
    readonly elected: number;
    readonly women: number;
    readonly crossPercent: number | null;
  }[];
  readonly exceptions: readonly { readonly community: string; readonly rule: string; readonly text: string }[];
  readonly totals: RoundReportFigures;
}

const pct = (value: number | null): string => (value === null ? '—' : `${value.toFixed(1)}%`);

export function renderRoundReport(doc: Doc, vm: RoundReportVm): void {
  const t = loadTemplate('round-report');
  const s = vm.totals;
  newPage(doc);
  title(doc, say(t, 'title', { roundName: vm.roundName }), 18);
  doc.moveDown(0.4);
  paragraph(doc, say(t, 'to_default'), { indent: false });
  paragraph(doc, say(t, 'intro', { streetName: vm.streetName, communities: s.communities, elected: s.committeesElected }));

  heading(doc, say(t, 's1'));
  paragraph(doc, say(t, 'registered', { count: s.registeredVoters }));
  paragraph(
    doc,
    s.turnout.communities > 0
      ? say(t, 'turnout', { communities: s.turnout.communities, expected: s.turnout.expected, present: s.turnout.present, percent: pct(s.turnout.percent) })
      : say(t, 'turnout_none'),
  );

  heading(doc, say(t, 's2'));
  table(doc, {
    columns: [
      { header: say(t, 'col_community'), width: 0.2 },
      { header: say(t, 'col_method'), width: 0.12, align: 'center' },
      { header: say(t, 'col_day'), width: 0.17, align: 'center' },
      { header: say(t, 'col_voters'), width: 0.11, align: 'right' },
      { header: say(t, 'col_turnout'), width: 0.11, align: 'right' },
      { header: say(t, 'col_elected'), width: 0.08, align: 'right' },
      { header: say(t, 'col_women'), width: 0.08, align: 'right' },
      { header: say(t, 'col_cross'), width: 0.13, align: 'right' },
    ],
    rows: [
      ...vm.communities.map((c) => [
        c.name,
        say(t, `method_${c.method}`),
        zhDate(c.electionDay),
        String(c.registeredVoters),
        pct(c.turnoutPercent),
        String(c.elected),
        String(c.women),
        pct(c.crossPercent),
      ]),
      [say(t, 'total'), '', '', String(s.registeredVoters), pct(s.turnout.percent), String(s.rcElected), String(s.women), pct(s.crossRatePercent)],
    ],
    size: 9.5,
  });

  heading(doc, say(t, 's3'));
  paragraph(
    doc,
    say(t, 'structure', {
      total: s.rcElected,
      men: s.sex.male,
      women: s.sex.female,
      womenPercent: pct(s.womenPercent),
      withWoman: s.committeesWithWoman,
      committees: s.committeesElected,
    }),
  );
  paragraph(doc, say(t, 'age_bands', { a: s.ageBands.under35 ?? 0, b: s.ageBands['35to44'] ?? 0, c: s.ageBands['45to54'] ?? 0, d: s.ageBands['55plus'] ?? 0 }));
  const education = Object.entries(s.education).map(([level, count]) =>
    say(t, 'education_item', { label: level === 'unknown' ? say(t, 'education_unknown') : educationZh(level), count }),
  );
  if (education.length > 0) paragraph(doc, say(t, 'education', { list: joinZh(education) }));

  heading(doc, say(t, 's4'));
  paragraph(doc, say(t, 'cross', { either: s.crossEither, both: s.crossBoth, percent: pct(s.crossRatePercent), shoulder: s.oneShoulder }));

  heading(doc, say(t, 's5'));
  if (vm.exceptions.length === 0) paragraph(doc, say(t, 'exceptions_none'));
  else {
    paragraph(doc, say(t, 'exceptions_count', { count: vm.exceptions.length }));
    table(doc, {
      columns: [
        { header: say(t, 'col_community'), width: 0.22 },
        { header: say(t, 'col_rule'), width: 0.22 },
        { header: say(t, 'col_text'), width: 0.56 },
      ],
      rows: vm.exceptions.map((e) => [e.community, e.rule, e.text]),
      size: 9.5,
    });
  }
  signature(doc, [say(t, 'issuer', { streetName: vm.streetName }), say(t, 'date', { date: zhDate(vm.reportDate) })]);
  footersOnEveryPage(doc, say(t, 'footer', { streetName: vm.streetName, roundName: vm.roundName }));
}

/** The whole paper in memory (a street's report is a few pages). */
export async function roundReportPdf(vm: RoundReportVm): Promise<Buffer> {
  return documentBuffer({ title: say(loadTemplate('round-report'), 'title', { roundName: vm.roundName }), date: vm.reportDate, bufferPages: true }, (doc) => renderRoundReport(doc, vm));
}
