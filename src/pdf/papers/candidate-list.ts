/**
 * 正式候选人名单公告: one notice per published list. The introduction is built from the list itself: what is
 * elected, how many seats, how many candidates and how each was nominated (counted from the nomination-basis column
 * printed below it), 差额 or 等额 as the numbers are, and the ballot-order rule of the profile (CAN-ORDER). A party
 * list is issued by the party organisation and says 党员.
 */
import type { CandidateListVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { daysBetween } from '../../domain/dates.js';
import { centered, closing, joinZh, newPage, paragraph, sexZh, table, title, zhDate, type Doc } from '../layout.js';
import { educationZh } from './labels.js';

export function renderCandidateList(doc: Doc, vm: CandidateListVm): void {
  const t = loadTemplate('candidate-list');
  for (const list of vm.lists) {
    newPage(doc);
    const party = list.post === 'party';
    const basis = (b: string) => say(t, `${party ? 'party_' : ''}basis_${b}`, { voters: vm.nominationMin.voters, households: vm.nominationMin.households });
    const heading = say(t, 'title', { electing: list.electing });
    // A party organisation's full name makes a long title: one line still (24 characters at 17 pt fit the width).
    title(doc, heading, heading.length > 20 ? 17 : 20);
    centered(doc, say(t, 'number', { noticeNo: list.noticeNo }), 12);
    doc.moveDown(0.8);
    const counts = new Map<string, number>();
    for (const c of list.candidates) counts.set(c.basis, (counts.get(c.basis) ?? 0) + 1);
    const bases = joinZh([...counts].map(([b, n]) => say(t, 'basis_count', { basis: basis(b), count: n })));
    paragraph(
      doc,
      say(t, party ? 'intro_party' : 'intro', {
        electing: list.electing,
        seats: list.seats,
        count: list.candidates.length,
        bases,
        surplus: say(t, list.candidates.length > list.seats ? 'surplus_competitive' : 'surplus_equal', {
          more: list.candidates.length - list.seats,
        }),
        order: say(t, `order_${vm.ordering}`),
      }),
    );
    table(doc, {
      columns: [
        { header: say(t, 'col_order'), width: 0.09, align: 'center' },
        { header: say(t, 'col_name'), width: 0.17, align: 'center' },
        { header: say(t, 'col_sex'), width: 0.09, align: 'center' },
        { header: say(t, 'col_age'), width: 0.11, align: 'center' },
        { header: say(t, 'col_education'), width: 0.17, align: 'center' },
        { header: say(t, 'col_basis'), width: 0.37 },
      ],
      rows: list.candidates.map((c) => [
        String(c.order),
        c.name,
        sexZh(c.sex),
        c.age === null ? '—' : say(t, 'age', { age: c.age }),
        educationZh(c.education),
        basis(c.basis),
      ]),
      size: 11,
      padding: 6,
    });
    closing(
      doc,
      [
        { text: say(t, 'dates', { publishedOn: zhDate(list.publishedOn), electionDay: zhDate(list.electionDay), days: daysBetween(list.publishedOn, list.electionDay) }) },
        { text: say(t, party ? 'outro_party' : 'outro', { issuer: list.issuer }) },
        { text: say(t, 'end') },
      ],
      [say(t, 'issuer', { issuer: list.issuer }), say(t, 'date', { date: zhDate(list.publishedOn) })],
    );
  }
}
