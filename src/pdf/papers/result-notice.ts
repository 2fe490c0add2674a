/**
 * 选举结果公告 (CNT-ANNOUNCE): registered voters or representatives, those who voted, ballots issued, returned,
 * valid and invalid, every candidate's and write-in's votes, who is elected to which post; void contests, re-votes
 * and run-offs stated. The party organisation's notice is the same paper under its own template.
 */
import { shareZh } from '../../domain/profile.js';
import type { PartyResultVm, ResultNoticeVm, ResultThreshold } from '../view-models.js';
import { loadTemplate, say, type Template } from '../template.js';
import { centered, closing, heading, joinZh, keep, newPage, paragraph, postZh, table, title, zhDate, type ClosingParagraph, type Doc } from '../layout.js';

const NUMERALS = '一二三四五六七八九十';

/**
 * The template key of a threshold: a majority of one half reads 过半数 where the template has such wording
 * (`_half`), any other share is named.
 */
function thresholdKey(t: Template, prefix: string, th: ResultThreshold): string {
  const half = `${prefix}_${th.kind}_half`;
  return th.shareZh === '二分之一' && t[half] !== undefined ? half : `${prefix}_${th.kind}`;
}

function sayThreshold(t: Template, prefix: string, th: ResultThreshold, baseShort: string): string {
  return say(t, thresholdKey(t, prefix, th), { share: th.shareZh, of: th.of, baseShort });
}

/**
 * The residents' committee's notice (templates/result-notice.json) or, with `vm.party`, the party organisation's
 * (templates/party-result-notice.json): the same figures and tables, the party's meeting, quorum and officers.
 */
export function renderResultNotice(doc: Doc, vm: ResultNoticeVm): void {
  const t = loadTemplate(vm.party ? 'party-result-notice' : 'result-notice');
  const names = { communityName: vm.communityName, partyOrg: vm.party?.orgName ?? '' };
  newPage(doc);
  title(doc, say(t, 'title', names));
  if (vm.noticeNo !== null) centered(doc, say(t, 'number', { noticeNo: vm.noticeNo }), 12);
  doc.moveDown(0.8);
  const how = vm.party ? say(t, `assembly_${vm.party.assembly}`) : say(t, `method_${vm.method}`);
  paragraph(doc, say(t, 'intro', { ...names, electionDay: zhDate(vm.electionDay), method: how, how }));
  const base = vm.party ? `base_${vm.party.assembly}` : `base_${vm.base}`;
  paragraph(doc, say(t, base, { expected: vm.expected, present: vm.present, quorum: vm.party?.quorumZh ?? shareZh(vm.quorum) }));
  const baseShort = say(t, `base_short_${vm.base}`);
  vm.contests.forEach((c, i) => renderContest(doc, t, c, i, baseShort));

  doc.moveDown(0.6);
  // From the list of the elected on, the text ends with the signature: its last lines go with it to a new page.
  const end: ClosingParagraph[] = [{ text: say(t, 'elected_intro', names) }];
  for (const e of vm.elected) {
    // A person's name and the threshold met are never split across lines.
    const people = e.people.map((p) => keep(p.threshold ? say(t, 'elected_person', { name: p.name, met: sayThreshold(t, 'won', p.threshold, baseShort) }) : p.name));
    if (people.length > 0) end.push({ text: say(t, 'elected_line', { post: postZh(e.post, true), names: joinZh(people) }), options: { font: 'bold' } });
  }
  if (vm.vacancies > 0) end.push({ text: say(t, 'vacancies', { count: vm.vacancies }) });
  if (vm.party) end.push(...partyEnd(t, vm.party));
  end.push({ text: say(t, 'end') });
  closing(doc, end, [say(t, 'issuer', { issuer: vm.issuer }), say(t, 'date', { date: zhDate(vm.issuedOn) })]);
}

function renderContest(doc: Doc, t: Template, c: ResultNoticeVm['contests'][number], i: number, baseShort: string): void {
  heading(
    doc,
    say(t, 'contest', { index: NUMERALS.charAt(i) || String(i + 1), post: postZh(c.post), stage: say(t, `stage_${c.stage}`), seats: c.seats }),
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
  if (c.threshold && c.votes.some((v) => v.elected)) paragraph(doc, sayThreshold(t, 'threshold', c.threshold, baseShort));
  if (c.revote) paragraph(doc, say(t, 'revote', { names: joinZh(c.revote.map(keep)) }));
  if (c.runoff) paragraph(doc, say(t, 'runoff', { seats: c.runoff.seats, names: joinZh(c.runoff.candidates.map(keep)) }));
}

/** PTY-OFFICERS once the new committee has elected them, then who approves the result. */
function partyEnd(t: Template, party: PartyResultVm): ClosingParagraph[] {
  const officers = party.officers.filter((o) => o.names.length > 0);
  const out: ClosingParagraph[] = [];
  if (officers.length > 0) {
    out.push({ text: say(t, 'officers_intro') });
    for (const o of officers) out.push({ text: say(t, 'officer_line', { post: postZh(o.post, true), names: joinZh(o.names.map(keep)) }), options: { font: 'bold' } });
  }
  out.push({ text: say(t, 'approval') });
  return out;
}
