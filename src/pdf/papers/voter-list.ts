/** 选民名单公告: by residents' group, names with masked identity numbers, publication date, objection window. */
import type { VoterListEntry, VoterListVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { centered, closing, heading, newPage, paragraph, paragraphHeight, sexZh, signatureRoom, table, title, zhDate, type Doc } from '../layout.js';

/** Two people per table row, to keep a long list on fewer sheets; each keeps the number its voter card carries. */
function* pairs(voters: readonly VoterListEntry[]): Generator<string[]> {
  for (let i = 0; i < voters.length; i += 2) {
    const a = voters[i]!;
    const b = voters[i + 1];
    yield [
      String(a.number),
      a.name,
      sexZh(a.sex),
      a.idMasked,
      b ? String(b.number) : '',
      b?.name ?? '',
      b ? sexZh(b.sex) : '',
      b?.idMasked ?? '',
    ];
  }
}

export function renderVoterList(doc: Doc, vm: VoterListVm): void {
  const t = loadTemplate('voter-list');
  newPage(doc);
  title(doc, say(t, 'title', { communityName: vm.communityName }));
  centered(doc, say(t, 'number', { noticeNo: vm.noticeNo }), 12);
  doc.moveDown(0.8);
  paragraph(doc, say(t, 'intro', { communityName: vm.communityName, total: vm.total, electionDay: zhDate(vm.electionDay) }));
  paragraph(
    doc,
    say(t, 'objection', {
      objectionDays: vm.objectionDays,
      objectionUntil: zhDate(vm.objectionUntil),
      decisionDays: vm.decisionDays,
    }),
  );
  paragraph(doc, say(t, 'published', { date: zhDate(vm.publishedOn) }), { font: 'bold' });
  if (vm.republishedOn) paragraph(doc, say(t, 'republished', { date: zhDate(vm.republishedOn) }), { font: 'bold' });
  const columns = [
    { header: say(t, 'col_no'), width: 0.07, align: 'center' as const },
    { header: say(t, 'col_name'), width: 0.12 },
    { header: say(t, 'col_sex'), width: 0.06, align: 'center' as const },
    { header: say(t, 'col_id'), width: 0.25, align: 'center' as const },
  ];
  const sign = [say(t, 'issuer', { issuer: vm.issuer }), say(t, 'date', { date: zhDate(vm.republishedOn ?? vm.publishedOn) })];
  const end = { text: say(t, 'end') };
  vm.groups.forEach((group, g) => {
    const name = group.name ?? say(t, 'no_group');
    heading(doc, say(t, 'group', { group: name, count: group.voters.length }), 12);
    table(doc, {
      columns: [...columns, ...columns],
      rows: pairs(group.voters),
      size: 9.5,
      padding: 3,
      continuedCaption: say(t, 'group_continued', { group: name }),
      // The last group's last rows go over with 特此公告 and the signature when these do not fit under them.
      ...(g === vm.groups.length - 1 ? { keepWithNext: paragraphHeight(doc, end.text) + signatureRoom(sign) } : {}),
    });
  });
  closing(doc, [end], sign);
}
