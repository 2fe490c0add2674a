/**
 * 选举公告: community, round, method, seats per post, election day, time and place, stations, mobile boxes, and the
 * paragraphs that follow from the method and the profile: 差额 only when it is (or, before the lists, the profile's
 * rule), proxies (MTG-PROXY: `proxyMax`, direct and household elections only), monitors per box (MTG-BOXES), and for a
 * congress of representatives its own paragraph instead of the voters'. Items are numbered as they are printed.
 */
import type { ElectionNoticeVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { centered, closing, joinZh, newPage, paragraph, postZh, title, zhDate, zhWeekday, type Doc } from '../layout.js';

const NUMERALS = '一二三四五六七八九十';

export function renderElectionNotice(doc: Doc, vm: ElectionNoticeVm): void {
  const t = loadTemplate('election-notice');
  newPage(doc);
  title(doc, say(t, 'title', { communityName: vm.communityName }));
  centered(doc, say(t, 'number', { noticeNo: vm.noticeNo }), 12);
  doc.moveDown(1);
  paragraph(doc, say(t, 'intro', { communityName: vm.communityName, roundName: vm.roundName }));

  const items: string[] = [];
  items.push(say(t, 'method', { method: say(t, `method_${vm.method}`) }));
  const seats = vm.seats.filter((s) => s.count > 0);
  items.push(
    say(t, 'seats', {
      seats: joinZh(seats.map((s) => say(t, 'seat', { post: postZh(s.post, true), count: s.count }))),
      total: seats.reduce((n, s) => n + s.count, 0),
      surplus: say(t, vm.surplus === 'open' ? (vm.equalElectionAllowed ? 'surplus_open_equal_allowed' : 'surplus_open') : `surplus_${vm.surplus}`),
    }),
  );
  // One station or box is 设在…，由…负责, not 分别设在 and 每个.
  const one = (key: string, count: number) => (count === 1 ? `${key}_one` : key);
  items.push(say(t, 'day', { electionDay: zhDate(vm.electionDay), weekday: zhWeekday(vm.electionDay), time: vm.time ?? '' }));
  items.push(say(t, vm.method === 'congress' ? 'place_congress' : 'place', { place: vm.place ?? '' }));
  if (vm.method === 'congress') {
    items.push(say(t, 'congress', { count: vm.representatives, quorum: vm.quorumZh }));
  } else {
    items.push(
      vm.pollingStations.length > 0
        ? say(t, one('stations', vm.pollingStations.length), { count: vm.pollingStations.length, stations: joinZh(vm.pollingStations), monitors: vm.monitorsPerBox })
        : say(t, 'stations_none'),
    );
  }
  if (vm.mobileBoxes > 0) items.push(say(t, one(vm.method === 'congress' ? 'mobile_congress' : 'mobile', vm.mobileBoxes), { count: vm.mobileBoxes, monitors: vm.monitorsPerBox }));
  else if (vm.method !== 'congress') items.push(say(t, 'mobile_none'));
  if (vm.method === 'congress') items.push(say(t, 'voter_list_congress', { days: vm.voterListNoticeDays }));
  else {
    items.push(say(t, `voter_list_${vm.method}`, { days: vm.voterListNoticeDays }));
    items.push(vm.proxyMax > 0 ? say(t, 'proxy', { max: vm.proxyMax }) : say(t, 'proxy_none'));
  }
  items.forEach((text, i) => paragraph(doc, say(t, 'item', { n: NUMERALS.charAt(i) || String(i + 1), text })));

  closing(doc, [{ text: say(t, 'closing') }, { text: say(t, 'end') }], [say(t, 'issuer', { issuer: vm.issuer }), say(t, 'date', { date: zhDate(vm.issuedOn) })]);
}
