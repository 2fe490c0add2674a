/** 选举公告: community, round, method, seats per post, election day, time and place, stations, mobile boxes. */
import type { ElectionNoticeVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { centered, joinZh, newPage, paragraph, postZh, signature, title, zhDate, zhWeekday, type Doc } from '../layout.js';

export function renderElectionNotice(doc: Doc, vm: ElectionNoticeVm): void {
  const t = loadTemplate('election-notice');
  newPage(doc);
  title(doc, say(t, 'title', { communityName: vm.communityName }));
  centered(doc, say(t, 'number', { noticeNo: vm.noticeNo }), 12);
  doc.moveDown(1);
  paragraph(doc, say(t, 'intro', { communityName: vm.communityName, roundName: vm.roundName }));
  paragraph(doc, say(t, 'method', { method: say(t, `method_${vm.method}`) }));
  const seats = vm.seats.filter((s) => s.count > 0);
  paragraph(
    doc,
    say(t, 'seats', {
      seats: joinZh(seats.map((s) => say(t, 'seat', { post: postZh(s.post, true), count: s.count }))),
      total: seats.reduce((n, s) => n + s.count, 0),
    }),
  );
  paragraph(doc, say(t, 'day', { electionDay: zhDate(vm.electionDay), weekday: zhWeekday(vm.electionDay), time: vm.time ?? '' }));
  paragraph(doc, say(t, 'place', { place: vm.place ?? '' }));
  paragraph(
    doc,
    vm.pollingStations.length > 0
      ? say(t, 'stations', { count: vm.pollingStations.length, stations: joinZh(vm.pollingStations) })
      : say(t, 'stations_none'),
  );
  paragraph(doc, vm.mobileBoxes > 0 ? say(t, 'mobile', { count: vm.mobileBoxes }) : say(t, 'mobile_none'));
  paragraph(doc, say(t, 'voter_list', { days: vm.voterListNoticeDays }));
  paragraph(doc, say(t, 'closing'));
  paragraph(doc, say(t, 'end'));
  signature(doc, [say(t, 'issuer', { issuer: vm.issuer }), say(t, 'date', { date: zhDate(vm.issuedOn) })]);
}
