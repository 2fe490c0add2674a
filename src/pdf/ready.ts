/**
 * `checkReady({ kind, vm })`: is this view model fit to print? Pure, no I/O. The API (services/paper-check.ts) refuses
 * a blocking problem before the first byte: 422 naming the rule when its code is a RULES.md code, else 409
 * DOCUMENT_NOT_READY; the renderer refuses the `blocking` problems itself too, because a paper
 * printed from them would be wrong on its face (a certificate for someone not elected, two certificates with one
 * number, a ballot with no seat or no candidate, a date that is not a date).
 *
 * Problems are `{ code, blocking, params }`; codes are RULES.md codes where a rule is at stake, `PDF-*` otherwise.
 * Wording for people is the API's business (violations.ts for rule codes, paper-check.ts for the PDF-* codes).
 */
import { daysBetween, parseDate } from '../domain/dates.js';
import { formatFraction, moreThanFraction } from '../domain/profile.js';
import type { AnyViewModel } from './view-models.js';

export interface PaperProblem {
  readonly code: string;
  /** True when the paper must not be printed at all (the renderer throws). */
  readonly blocking: boolean;
  readonly params: Readonly<Record<string, string | number>>;
}

export type ReadyResult = { readonly ok: true } | { readonly ok: false; readonly problems: readonly PaperProblem[] };

export class PaperNotReadyError extends Error {
  readonly problems: readonly PaperProblem[];
  constructor(kind: string, problems: readonly PaperProblem[]) {
    super(`paper ${kind} is not fit to print: ${problems.map((p) => p.code).join(', ')}`);
    this.problems = problems;
  }
}

export function checkReady(input: AnyViewModel): ReadyResult {
  const problems: PaperProblem[] = [];
  const hard = (code: string, params: PaperProblem['params'] = {}) => problems.push({ code, blocking: true, params });
  const soft = (code: string, params: PaperProblem['params'] = {}) => problems.push({ code, blocking: false, params });
  const date = (field: string, value: string) => {
    if (parseDate(value) === null) hard('PDF-DATE', { field, value });
  };

  switch (input.kind) {
    case 'election-notice': {
      const vm = input.vm;
      date('issuedOn', vm.issuedOn);
      date('electionDay', vm.electionDay);
      if (vm.noticeNo < 1) hard('PDF-NOTICE-NUMBER', { noticeNo: vm.noticeNo });
      if (vm.seats.reduce((n, s) => n + s.count, 0) < 1) hard('PDF-SEATS');
      if (!vm.place) soft('PDF-PLACE');
      if (!vm.time) soft('PDF-TIME');
      break;
    }
    case 'voter-list': {
      const vm = input.vm;
      date('publishedOn', vm.publishedOn);
      if (vm.republishedOn !== undefined) date('republishedOn', vm.republishedOn);
      date('objectionUntil', vm.objectionUntil);
      date('electionDay', vm.electionDay);
      if (vm.noticeNo < 1) hard('PDF-NOTICE-NUMBER', { noticeNo: vm.noticeNo });
      const listed = vm.groups.reduce((n, g) => n + g.voters.length, 0);
      if (listed !== vm.total) soft('PDF-VOTER-TOTAL', { total: vm.total, listed });
      if (parseDate(vm.publishedOn) && parseDate(vm.objectionUntil) && daysBetween(vm.publishedOn, vm.objectionUntil) < 0) {
        soft('VOT-LIST-PUBLISH', { publishedOn: vm.publishedOn, objectionUntil: vm.objectionUntil });
      }
      break;
    }
    case 'candidate-list': {
      const vm = input.vm;
      if (vm.lists.length === 0) hard('PDF-EMPTY');
      for (const list of vm.lists) {
        date('publishedOn', list.publishedOn);
        date('electionDay', list.electionDay);
        if (list.candidates.length === 0) hard('PDF-NO-CANDIDATES', { post: list.post });
        const orders = list.candidates.map((c) => c.order);
        // Ballot order must be strictly increasing; a gap (a candidate withdrew after publication) is only noted.
        if (orders.some((o, i) => i > 0 && o <= orders[i - 1]!)) hard('CAN-ORDER', { post: list.post, reason: 'positions' });
        else if (orders.some((o, i) => o !== i + 1)) soft('CAN-ORDER', { post: list.post, reason: 'gap' });
        // CAN-SURPLUS and CAN-LIST-NOTICE are decided by the rule registry (the profile's surplus and days), not here.
        if (list.surplusShort) soft('CAN-SURPLUS', { post: list.post, seats: list.surplusShort.seats, candidates: list.surplusShort.candidates });
        // CAN-LIST-NOTICE is decided by the rule registry (the profile's days, a backfill judged as one), not here.
        if (list.noticeShort) soft('CAN-LIST-NOTICE', { post: list.post, required: list.noticeShort.required, actual: list.noticeShort.actual });
      }
      break;
    }
    case 'ballot': {
      const vm = input.vm;
      date('electionDay', vm.electionDay);
      if (vm.ballots.length === 0) hard('PDF-EMPTY');
      for (const b of vm.ballots) {
        if (b.seats < 1) hard('PDF-SEATS', { post: b.post, seats: b.seats });
        if (b.candidates.length === 0) hard('PDF-NO-CANDIDATES', { post: b.post });
      }
      break;
    }
    case 'voter-cards': {
      const vm = input.vm;
      date('electionDay', vm.electionDay);
      if (!vm.place) soft('PDF-PLACE');
      break;
    }
    case 'result-notice': {
      const vm = input.vm;
      date('issuedOn', vm.issuedOn);
      date('electionDay', vm.electionDay);
      if (vm.contests.length === 0) hard('PDF-EMPTY');
      // The notice says more than the profile's quorum took part, 选举有效: it must be true (MTG-QUORUM-RC / -PARTY; exact).
      if (vm.party) {
        if (!moreThanFraction(vm.present, vm.expected, vm.quorum)) hard('MTG-QUORUM-PARTY', { expected: vm.expected, present: vm.present, required: `> ${formatFraction(vm.quorum)}` });
      } else if (vm.base !== 'party-members' && !(vm.present > 0 && moreThanFraction(vm.present, vm.expected, vm.quorum))) {
        hard('MTG-QUORUM-RC', { base: vm.base, expected: vm.expected, present: vm.present, required: `> ${formatFraction(vm.quorum)}` });
      }
      for (const c of vm.contests) {
        if (c.ballotsValid && c.valid + c.invalid !== c.returned) {
          soft('CNT-ARITH', { post: c.post, returned: c.returned, valid: c.valid, invalid: c.invalid });
        }
      }
      break;
    }
    case 'certificates': {
      const vm = input.vm;
      if (vm.certificates.length === 0) hard('PDF-EMPTY');
      const numbers = new Set<number>();
      for (const c of vm.certificates) {
        date('issuedOn', c.issuedOn);
        if (numbers.has(c.number)) hard('AFT-CERT-NUMBER', { number: c.number });
        numbers.add(c.number);
      }
      if (vm.elected) {
        const key = (p: { name: string; postZh: string }) => `${p.postZh}\u0000${p.name}`;
        const want = new Map<string, number>();
        for (const e of vm.elected) want.set(key(e), (want.get(key(e)) ?? 0) + 1);
        for (const c of vm.certificates) {
          const left = want.get(key(c)) ?? 0;
          if (left === 0) hard('AFT-CERT', { name: c.name, post: c.postZh, reason: 'not-elected' });
          else want.set(key(c), left - 1);
        }
        for (const [k, left] of want) {
          if (left > 0) {
            const [post = '', name = ''] = k.split('\u0000');
            hard('AFT-CERT', { name, post, reason: 'missing' });
          }
        }
      }
      break;
    }
    case 'filing-report': {
      const vm = input.vm;
      date('electionDay', vm.electionDay);
      date('reportDate', vm.reportDate);
      if (vm.checks.length === 0) hard('PDF-NO-CHECKS');
      break;
    }
    default: {
      const never: never = input;
      throw new Error(`unknown paper ${(never as { kind: string }).kind}`);
    }
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** Throws when a blocking problem would make the printed paper wrong. */
export function assertPrintable(input: AnyViewModel): void {
  const result = checkReady(input);
  if (result.ok) return;
  const blocking = result.problems.filter((p) => p.blocking);
  if (blocking.length > 0) throw new PaperNotReadyError(input.kind, blocking);
}
