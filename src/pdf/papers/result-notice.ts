/**
 * 选举结果公告 (CNT-ANNOUNCE): registered voters or representatives, those who voted, ballots issued, returned,
 * valid and invalid, every candidate's and write-in's votes, who is elected to which post; void contests, re-votes
 * and run-offs stated.
 */
import { shareZh } from '../../domain/profile.js';
import type { ResultNoticeVm, ResultThreshold } from '../view-models.js';
import { loadTemplate, say, type Template } from '../template.js';
import { centered, heading, joinZh, newPage, paragraph, postZh, signature, table, title, zhDate, type Doc } from '../layout.js';

const NUMERALS = '一二三四五六七八九十';

/** The template key of a threshold: a majority of one half reads 过半数, any other share is named. */
function thresholdKey(prefix: string, th: ResultThreshold): string {
  return th.kind === 'majority' && th.shareZh === '二分之一' ? `${prefix}_majority_half` : `${prefix}_${th.kind}`;
}

function sayThreshold(t: Template, prefix: string, th: ResultThreshold, baseShort: string): string {
  return say(t, thresholdKey(prefix, th), { share: th.shareZh, of: th.of, baseShort });
}

export function renderResultNotice(doc: Doc, vm: ResultNoticeVm): void {
  const t = loadTemplate('result-notice');
  newPage(doc);
  title(doc, say(t, 'title', { communityName: vm.communityName }));
  if (vm.noticeNo !== null) centered(doc, say(t, 'number', { noticeNo: vm.noticeNo }), 12);
  doc.moveDown(0.8);
  paragraph(doc, say(t, 'intro', { communityName: vm.communityName, electionDay: zhDate(vm.electionDay), method: say(t, `method_${vm.method}`) }));
  paragraph(doc, say(t, `base_${vm.base}`, { expected: vm.expected, present: vm.present, quorum: shareZh(vm.quorum) }));

  vm.contests.forEach((c, i) => {
    heading(
      doc,
      say(t, 'contest', {
        index: NUMERALS.charAt(i) || String(i + 1),
        post: postZh(c.post),
        stage: say(t, `stage_${c.stage}`),
        seats: c.seats,
      }),
      12.5,
    );
    paragraph(doc, say(t, 'ballots', { issued: c.issued, returned: c.returned, valid: c.valid, invalid: c.invalid }));
    if (!c.ballotsValid) {
      paragraph(doc, say(t, 'void'), { font: 'bold' });
      return;
    }
    table(doc, {
      columns: [
        { header: say(t, 'col_name'), width: 0.34, align: 'center' },
        { header: say(t, 'col_votes'), width: 0.26, align: 'center' },
        { header: say(t, 'col_note'), width: 0.4, align: 'center' },
      ],
      rows: c.votes.map((v) => [
        v.name,
        String(v.votes),
        joinZh([say(t, v.writeIn ? 'note_writein' : 'note_candidate'), ...(v.elected ? [say(t, 'note_elected')] : [])]),
      ]),
      size: 11,
    });
    if (c.threshold && c.votes.some((v) => v.elected)) paragraph(doc, sayThreshold(t, 'threshold', c.threshold, say(t, `base_short_${vm.base}`)));
    if (c.revote) paragraph(doc, say(t, 'revote', { names: joinZh(c.revote) }));
    if (c.runoff) paragraph(doc, say(t, 'runoff', { seats: c.runoff.seats, names: joinZh(c.runoff.candidates) }));
  });

  doc.moveDown(0.6);
  paragraph(doc, say(t, 'elected_intro', { communityName: vm.communityName }));
  const baseShort = say(t, `base_short_${vm.base}`);
  for (const e of vm.elected) {
    const names = e.people.map((p) => (p.threshold ? say(t, 'elected_person', { name: p.name, met: sayThreshold(t, 'won', p.threshold, baseShort) }) : p.name));
    if (names.length > 0) paragraph(doc, say(t, 'elected_line', { post: postZh(e.post, true), names: joinZh(names) }), { font: 'bold' });
  }
  if (vm.vacancies > 0) paragraph(doc, say(t, 'vacancies', { count: vm.vacancies }));
  paragraph(doc, say(t, 'end'));
  signature(doc, [say(t, 'issuer', { issuer: vm.issuer }), say(t, 'date', { date: zhDate(vm.issuedOn) })]);
}
