/**
 * 换届选举备案报告 (AFT-FILING, AFT-REPORT): every rule check with its status and justification, turnout, the elected
 * and their structure (sex, age, education), the cross-appointment rate (ORG-CROSS) and the notices with dates.
 */
import type { FilingReportVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { defaultIssuer, heading, joinZh, newPage, paragraph, sexZh, signature, table, title, zhDate, type Doc } from '../layout.js';
import { educationZh } from './labels.js';

const percent = (num: number | null, den: number | null): string => {
  if (num === null || den === null || den === 0) return '—';
  return `${(Math.round((num * 1000) / den) / 10).toFixed(1)}%`;
};

export function renderFilingReport(doc: Doc, vm: FilingReportVm): void {
  const t = loadTemplate('filing-report');
  newPage(doc);
  title(doc, say(t, 'title', { communityName: vm.communityName }), 18);
  doc.moveDown(0.4);
  paragraph(doc, say(t, 'to', { district: vm.org.district }), { indent: false });
  paragraph(doc, say(t, 'intro', { communityName: vm.communityName, electionDay: zhDate(vm.electionDay), roundName: vm.roundName, method: say(t, `method_${vm.method}`) }));
  paragraph(doc, say(t, 'status', { status: say(t, `status_${vm.filingStatus}`, { date: vm.submittedOn ? zhDate(vm.submittedOn) : '' }) }), { font: 'bold' });

  heading(doc, say(t, 's1'));
  // A direct election's turnout line already states the registered voters.
  if (vm.turnout?.base !== 'voters') paragraph(doc, say(t, 'registered', { count: vm.registeredVoters }));
  if (vm.turnout) {
    const key = `turnout_${vm.turnout.base}`;
    paragraph(
      doc,
      say(t, t[key] ? key : 'turnout_voters', {
        expected: vm.turnout.expected,
        present: vm.turnout.present ?? '—',
        percent: percent(vm.turnout.present, vm.turnout.expected),
        issued: vm.turnout.issued ?? '—',
        returned: vm.turnout.returned ?? '—',
      }),
    );
  } else paragraph(doc, say(t, 'turnout_none'));

  heading(doc, say(t, 's2'));
  table(doc, {
    columns: [
      { header: say(t, 'col_post'), width: 0.27 },
      { header: say(t, 'col_name'), width: 0.16, align: 'center' },
      { header: say(t, 'col_sex'), width: 0.09, align: 'center' },
      { header: say(t, 'col_age'), width: 0.1, align: 'center' },
      { header: say(t, 'col_education'), width: 0.22, align: 'center' },
      { header: say(t, 'col_votes'), width: 0.16, align: 'center' },
    ],
    rows: vm.elected.map((p) => [p.postZh, p.name, sexZh(p.sex), p.age === null ? '—' : String(p.age), educationZh(p.education), String(p.votes)]),
  });
  if (vm.vacancies > 0) paragraph(doc, say(t, 'vacancies', { count: vm.vacancies }));

  heading(doc, say(t, 's3'));
  const s = vm.structure;
  paragraph(doc, say(t, 'structure', { total: s.total, men: s.men, women: s.women, age: s.averageAge ?? '—' }));
  paragraph(
    doc,
    say(t, 'age_bands', { a: s.ageBands.under35 ?? 0, b: s.ageBands['35to44'] ?? 0, c: s.ageBands['45to54'] ?? 0, d: s.ageBands['55plus'] ?? 0 }),
  );
  const education = Object.entries(s.education).map(([level, count]) => say(t, 'education_item', { label: level === 'unknown' ? say(t, 'education_unknown') : educationZh(level), count }));
  if (education.length > 0) paragraph(doc, say(t, 'education', { list: joinZh(education) }));

  heading(doc, say(t, 's4'));
  paragraph(
    doc,
    say(t, 'cross', {
      either: vm.cross.either,
      both: vm.cross.both,
      percent: vm.cross.percent === null ? '—' : `${vm.cross.percent}%`,
      shoulder: say(t, vm.cross.oneShoulder ? 'shoulder_yes' : 'shoulder_no'),
    }),
  );

  heading(doc, say(t, 's5'));
  table(doc, {
    columns: [
      { header: say(t, 'col_notice_no'), width: 0.16, align: 'center' },
      { header: say(t, 'col_notice_title'), width: 0.56 },
      { header: say(t, 'col_notice_date'), width: 0.28, align: 'center' },
    ],
    rows: vm.notices.map((n) => [say(t, 'notice_no', { n: n.number }), n.title, zhDate(n.issuedOn)]),
  });

  heading(doc, say(t, 's6'));
  const tally = { pass: 0, fail: 0, warning: 0, 'n/a': 0, unchecked: 0 };
  for (const c of vm.checks) tally[c.status] += 1;
  paragraph(
    doc,
    say(t, tally.unchecked > 0 ? 'checks_summary_unchecked' : 'checks_summary', {
      total: vm.checks.length,
      pass: tally.pass,
      fail: tally.fail,
      warning: tally.warning,
      na: tally['n/a'],
      unchecked: tally.unchecked,
    }),
  );
  table(doc, {
    columns: [
      { header: say(t, 'col_rule'), width: 0.25 },
      { header: say(t, 'col_title'), width: 0.24 },
      { header: say(t, 'col_status'), width: 0.1, align: 'center' },
      { header: say(t, 'col_details'), width: 0.41 },
    ],
    rows: vm.checks.map((c) => [
      c.rule,
      c.titleZh,
      say(t, `status_${c.status}`),
      [c.details, c.justification ? say(t, 'justification', { text: c.justification }) : ''].filter(Boolean).join('\n'),
    ]),
    size: 8.5,
    padding: 3,
  });
  const after = vm.afterRound;
  if (after && (after.recalls.length > 0 || after.vacancies.length > 0)) {
    heading(doc, say(t, 's7'));
    for (const r of after.recalls) {
      const votes = { date: r.decidedOn ? zhDate(r.decidedOn) : '', returned: r.returned ?? 0, votesFor: r.votesFor ?? 0, votesAgainst: r.votesAgainst ?? 0 };
      paragraph(
        doc,
        say(t, 'recall', {
          filedOn: zhDate(r.filedOn),
          base: say(t, `recall_base_${r.base}`),
          petitioners: r.petitioners,
          baseCount: r.baseCount,
          post: r.postZh,
          name: r.name,
          reason: r.reason,
          outcome: say(t, `recall_${r.status}`, votes),
        }),
      );
    }
    for (const v of after.vacancies) {
      paragraph(
        doc,
        say(t, 'vacancy', {
          occurredOn: zhDate(v.occurredOn),
          post: v.postZh,
          name: v.name,
          reason: say(t, `vacancy_reason_${v.reason}`),
          outcome: say(t, `vacancy_${v.status}`, { filledBy: v.filledBy ?? '', number: v.certificateNumber ?? '' }),
        }),
      );
    }
  }
  signature(doc, [say(t, 'issuer', { issuer: defaultIssuer(vm.communityName) }), say(t, 'date', { date: zhDate(vm.reportDate) })]);
}
