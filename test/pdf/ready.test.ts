import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { checkReady, createDocumentStream, DOCUMENT_KINDS, PaperNotReadyError, renderBuffer, renderDocument } from '../../src/pdf/render.js';
import type { AnyViewModel, CertificatesVm } from '../../src/pdf/view-models.js';
import * as sample from './sample.js';
import { pageCount, render } from './support.js';

/** Certificates built, as the loader builds them, from the result's elected people. */
function certificatesFor(elected: readonly { post: string; people: readonly { name: string }[] }[]): CertificatesVm {
  const postZh = (post: string) => (post === 'director' ? '居民委员会主任' : post === 'deputy' ? '居民委员会副主任' : '居民委员会委员');
  const people = elected.flatMap((e) => e.people.map(({ name }) => ({ name, postZh: postZh(e.post) })));
  return {
    ...sample.certificates(),
    elected: people,
    certificates: people.map((p, i) => ({ number: i + 1, name: p.name, postZh: p.postZh, issuedOn: '2026-12-29' })),
  };
}

describe('certificates only for the elected (AFT-CERT)', () => {
  it('prints exactly one numbered certificate per elected person of the result', async () => {
    const result = sample.resultNotice();
    const vm = certificatesFor(result.elected);
    const { pdf, flat } = await render({ kind: 'certificates', vm });
    const elected = result.elected.flatMap((e) => e.people.map((p) => p.name));
    expect(elected).toHaveLength(5);
    expect(pageCount(pdf)).toBe(elected.length);
    for (const name of elected) expect(flat.split(`${name}同志`).length - 1, name).toBe(1);
    // Candidates who were not elected get none.
    const losers = result.contests.flatMap((c) => c.votes.filter((v) => !v.elected).map((v) => v.name)).filter((n) => !elected.includes(n));
    expect(losers.length).toBeGreaterThan(0);
    for (const name of losers) expect(flat).not.toContain(`${name}同志`);
    const numbers = flat.match(/编号：2026-\d{4}/g) ?? [];
    expect(new Set(numbers).size).toBe(elected.length);
  });

  it('refuses a certificate for someone not elected, a missing one, and a doubled number', async () => {
    const vm = certificatesFor(sample.resultNotice().elected);
    const intruder = { ...vm, certificates: [...vm.certificates.slice(0, -1), { number: 9, name: '欧阳秀英', postZh: '居民委员会委员', issuedOn: '2026-12-29' }] };
    await expect(renderBuffer({ kind: 'certificates', vm: intruder })).rejects.toThrow(PaperNotReadyError);
    const r = checkReady({ kind: 'certificates', vm: intruder });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems.map((p) => `${p.code}:${String(p.params.reason)}:${String(p.params.name)}`).sort()).toEqual(
        ['AFT-CERT:missing:张伟', 'AFT-CERT:not-elected:欧阳秀英'].sort(),
      );
    }
    const doubled = { ...vm, certificates: vm.certificates.map((c) => ({ ...c, number: 1 })) };
    const d = checkReady({ kind: 'certificates', vm: doubled });
    expect(d.ok ? [] : d.problems.map((p) => p.code)).toContain('AFT-CERT-NUMBER');
    const wrongPost = { ...vm, certificates: vm.certificates.map((c, i) => (i === 0 ? { ...c, postZh: '居民委员会委员' } : c)) };
    expect(checkReady({ kind: 'certificates', vm: wrongPost }).ok).toBe(false);
    expect(checkReady({ kind: 'certificates', vm }).ok).toBe(true);
  });
});

describe('checkReady', () => {
  const cases: { name: string; input: AnyViewModel; codes: string[]; blocking: boolean }[] = [
    { name: 'a good notice', input: { kind: 'election-notice', vm: sample.electionNotice() }, codes: [], blocking: false },
    { name: 'no seats', input: { kind: 'election-notice', vm: sample.electionNotice({ seats: [] }) }, codes: ['PDF-SEATS'], blocking: true },
    { name: 'no place', input: { kind: 'election-notice', vm: sample.electionNotice({ place: null }) }, codes: ['PDF-PLACE'], blocking: false },
    { name: 'a bad date', input: { kind: 'election-notice', vm: sample.electionNotice({ issuedOn: '2026-02-30' }) }, codes: ['PDF-DATE'], blocking: true },
    {
      name: 'candidate list the registry found 4 days before (CAN-LIST-NOTICE, the profile\'s days)',
      input: {
        kind: 'candidate-list',
        vm: { ...sample.candidateList(), lists: sample.candidateList().lists.map((l) => ({ ...l, publishedOn: '2026-12-22', noticeShort: { required: 5, actual: 4 } })) },
      },
      codes: ['CAN-LIST-NOTICE', 'CAN-LIST-NOTICE'],
      blocking: false,
    },
    {
      name: 'candidate list 5 days before (the registry found no breach)',
      input: { kind: 'candidate-list', vm: { ...sample.candidateList(), lists: sample.candidateList().lists.map((l) => ({ ...l, publishedOn: '2026-12-21', noticeShort: null })) } },
      codes: [],
      blocking: false,
    },
    {
      name: 'candidates out of ballot order',
      input: {
        kind: 'candidate-list',
        vm: { ...sample.candidateList(), lists: [{ ...sample.candidateList().lists[0]!, candidates: [...sample.candidateList().lists[0]!.candidates].reverse() }] },
      },
      codes: ['CAN-ORDER'],
      blocking: true,
    },
    {
      name: 'a ballot without candidates',
      input: { kind: 'ballot', vm: { ...sample.ballot(), ballots: [sample.ballotOf('director', [], 1)] } },
      codes: ['PDF-NO-CANDIDATES'],
      blocking: true,
    },
    { name: 'a result at exactly half', input: { kind: 'result-notice', vm: { ...sample.resultNotice(), present: 100 } }, codes: ['MTG-QUORUM-RC'], blocking: true },
    { name: 'a result one above half', input: { kind: 'result-notice', vm: { ...sample.resultNotice(), present: 101 } }, codes: [], blocking: false },
    // The profile's quorum, not a half: 133 of 200 is not more than two thirds, 134 is.
    { name: 'a result at 133 of 200 under a 2/3 quorum', input: { kind: 'result-notice', vm: { ...sample.resultNotice(), quorum: { num: 2, den: 3 }, present: 133 } }, codes: ['MTG-QUORUM-RC'], blocking: true },
    { name: 'a result at 134 of 200 under a 2/3 quorum', input: { kind: 'result-notice', vm: { ...sample.resultNotice(), quorum: { num: 2, den: 3 }, present: 134 } }, codes: [], blocking: false },
    // MTG-QUORUM-PARTY: more than 4/5 of 25 is 21 (20 is exactly 4/5).
    { name: 'a party result at exactly 4/5', input: { kind: 'result-notice', vm: { ...sample.partyResultNotice(), present: 20 } }, codes: ['MTG-QUORUM-PARTY'], blocking: true },
    { name: 'a party result one above 4/5', input: { kind: 'result-notice', vm: sample.partyResultNotice() }, codes: [], blocking: false },
    { name: 'a good ballot', input: { kind: 'ballot', vm: sample.ballot() }, codes: [], blocking: false },
  ];
  it.each(cases)('$name', ({ input, codes, blocking }) => {
    const r = checkReady(input);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(codes);
    expect(r.ok ? false : r.problems.some((p) => p.blocking)).toBe(blocking);
  });
});

describe('exports for the route', () => {
  it('DOCUMENT_KINDS names the eight papers', () => {
    expect([...DOCUMENT_KINDS]).toEqual([
      'election-notice',
      'voter-list',
      'candidate-list',
      'ballot',
      'voter-cards',
      'result-notice',
      'certificates',
      'filing-report',
    ]);
  });

  it('renderDocument(kind, vm, out) and createDocumentStream(kind, vm) give the same bytes as renderBuffer', async () => {
    const vm = sample.electionNotice();
    const expected = await renderBuffer({ kind: 'election-notice', vm });
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    await renderDocument('election-notice', vm, out);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
    const streamed: Buffer[] = [];
    for await (const c of createDocumentStream('election-notice', vm)) streamed.push(c as Buffer);
    expect(Buffer.concat(streamed).equals(expected)).toBe(true);
  });

  it('a refused paper errors its stream instead of leaving it open', async () => {
    const stream = createDocumentStream('ballot', { ...sample.ballot(), ballots: [] });
    await expect(
      (async () => {
        for await (const _ of stream) void _;
      })(),
    ).rejects.toThrow(PaperNotReadyError);
  });
});
