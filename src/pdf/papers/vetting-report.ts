/**
 * 候选人资格联审情况表 (CAN-VETTING) of one community: each preliminary candidate with the departments that passed,
 * refused (with the reason) or have yet to review, and the verdict. Wording in templates/vetting-report.json.
 */
import { loadTemplate, say } from '../template.js';
import { centered, documentBuffer, footersOnEveryPage, joinZh, newPage, paragraph, signature, table, title, zhDate, type Doc } from '../layout.js';

export interface VettingReportVm {
  readonly communityName: string;
  readonly streetName: string;
  readonly districtName: string;
  readonly roundName: string;
  readonly reportDate: string;
  readonly departments: readonly string[];
  readonly candidates: readonly {
    readonly name: string;
    readonly contestZh: string;
    readonly verdict: 'pass' | 'fail' | 'pending';
    readonly reviews: readonly { readonly department: string; readonly decision: 'pass' | 'fail' | 'pending'; readonly reason: string | null }[];
  }[];
}

export function renderVettingReport(doc: Doc, vm: VettingReportVm): void {
  const t = loadTemplate('vetting-report');
  newPage(doc);
  title(doc, say(t, 'title'), 18);
  centered(doc, say(t, 'subtitle', { districtName: vm.districtName, streetName: vm.streetName, communityName: vm.communityName, roundName: vm.roundName }), 11);
  doc.moveDown(0.6);
  const count = (v: string) => vm.candidates.filter((c) => c.verdict === v).length;
  if (vm.departments.length === 0) paragraph(doc, say(t, 'no_departments'));
  else if (vm.candidates.length === 0) paragraph(doc, say(t, 'none'));
  else {
    paragraph(
      doc,
      say(t, 'intro', {
        total: vm.candidates.length,
        departments: joinZh(vm.departments.slice(0, 3)),
        count: vm.departments.length,
        pass: count('pass'),
        fail: count('fail'),
        pending: count('pending'),
      }),
    );
    const dash = say(t, 'none_mark');
    const list = (items: readonly string[]) => (items.length ? items.join('、') : dash);
    table(doc, {
      columns: [
        { header: say(t, 'col_no'), width: 0.07, align: 'center' },
        { header: say(t, 'col_name'), width: 0.11 },
        { header: say(t, 'col_contest'), width: 0.14 },
        { header: say(t, 'col_passed'), width: 0.25 },
        { header: say(t, 'col_refused'), width: 0.2 },
        { header: say(t, 'col_pending'), width: 0.14 },
        { header: say(t, 'col_verdict'), width: 0.09, align: 'center' },
      ],
      rows: vm.candidates.map((c, i) => [
        String(i + 1),
        c.name,
        c.contestZh,
        list(c.reviews.filter((r) => r.decision === 'pass').map((r) => r.department)),
        list(c.reviews.filter((r) => r.decision === 'fail').map((r) => say(t, 'refused_item', { department: r.department, reason: r.reason ?? dash }))),
        list(c.reviews.filter((r) => r.decision === 'pending').map((r) => r.department)),
        say(t, `verdict_${c.verdict}`),
      ]),
      size: 9.5,
    });
    paragraph(doc, say(t, 'note'), { size: 10 });
  }
  signature(doc, [say(t, 'issuer', { streetName: vm.streetName }), say(t, 'date', { date: zhDate(vm.reportDate) })]);
  footersOnEveryPage(doc, say(t, 'footer', { communityName: vm.communityName, roundName: vm.roundName }));
}

export async function vettingReportPdf(vm: VettingReportVm): Promise<Buffer> {
  return documentBuffer({ title: say(loadTemplate('vetting-report'), 'title'), date: vm.reportDate, bufferPages: true }, (doc) => renderVettingReport(doc, vm));
}
