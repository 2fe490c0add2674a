/** 正式候选人名单公告: one notice per published list, candidates in ballot order with sex, age, education, basis. */
import type { CandidateListVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { daysBetween } from '../../domain/dates.js';
import { centered, newPage, paragraph, postZh, sexZh, signature, table, title, zhDate, type Doc } from '../layout.js';
import { educationZh } from './labels.js';

export function renderCandidateList(doc: Doc, vm: CandidateListVm): void {
  const t = loadTemplate('candidate-list');
  for (const list of vm.lists) {
    newPage(doc);
    const post = postZh(list.post);
    title(doc, say(t, 'title', { communityName: vm.communityName, post }));
    centered(doc, say(t, 'number', { noticeNo: list.noticeNo }), 12);
    doc.moveDown(0.8);
    paragraph(doc, say(t, 'intro', { communityName: vm.communityName, post, count: list.candidates.length, seats: list.seats }));
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
        say(t, `basis_${c.basis}`),
      ]),
      size: 11,
      padding: 6,
    });
    paragraph(
      doc,
      say(t, 'dates', {
        publishedOn: zhDate(list.publishedOn),
        electionDay: zhDate(list.electionDay),
        days: daysBetween(list.publishedOn, list.electionDay),
      }),
    );
    paragraph(doc, say(t, 'outro'));
    paragraph(doc, say(t, 'end'));
    signature(doc, [say(t, 'issuer', { issuer: vm.issuer }), say(t, 'date', { date: zhDate(list.publishedOn) })]);
  }
}
