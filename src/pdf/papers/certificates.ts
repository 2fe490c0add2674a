/**
 * 当选证书 (AFT-CERT): one sheet per elected person, A4 landscape (the usual insert of an A4 certificate cover,
 * 证书内芯), numbered, with the term (第N届 when configured) and 任期 from–to from the profile's term length, issued by
 * the street office on behalf of the district government (their configured names), dated, and the seal's place over
 * the issuer.
 */
import type { CertificatesVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { keep, sealMark, wrapKept, zhDate, zhNumber, type Doc } from '../layout.js';

/** A4 landscape. */
export const CERTIFICATE = { width: 841.89, height: 595.28 } as const;

export function renderCertificates(doc: Doc, vm: CertificatesVm): void {
  const t = loadTemplate('certificates');
  const { width: W, height: H } = CERTIFICATE;
  const left = 110;
  const inner = W - 2 * left;
  for (const c of vm.certificates) {
    doc.addPage({ size: [W, H], margin: 0 });
    // Double frame.
    doc.save().lineWidth(3).strokeColor('#a0151c').rect(28, 28, W - 56, H - 56).stroke();
    doc.lineWidth(0.8).rect(36, 36, W - 72, H - 72).stroke().restore();

    doc.font('regular').fontSize(11).fillColor('black');
    doc.text(say(t, 'number', { year: vm.termYear, number: String(c.number).padStart(4, '0') }), left, 60, { width: inner, align: 'right' });
    doc.font('bold').fontSize(40).fillColor('#a0151c');
    doc.text(say(t, 'title'), left, 92, { width: inner, align: 'center' });
    doc.fillColor('black');
    doc.font('regular').fontSize(18);
    doc.text(say(t, 'salutation', { name: c.name }), left, 190, { width: inner });
    doc.moveDown(0.5);
    const term = vm.termNumber === null ? '' : say(t, 'term', { n: zhNumber(vm.termNumber) });
    // The post (第N届 and the committee's name with the post) is never broken across lines.
    const body = say(t, 'body', { roundName: vm.roundName, communityName: keep(vm.communityName), term: '', post: keep(`${term}${c.postZh}`) });
    const step = doc.currentLineHeight(true) + 10;
    wrapKept(doc, body, inner, 36).forEach((line, i) => {
      const y = doc.y;
      doc.text(line, left + (i === 0 ? 36 : 0), y, { lineBreak: false });
      doc.y = y + step;
    });
    doc.moveDown(0.3);
    doc.text(say(t, 'tenure', { from: zhDate(vm.termFrom), to: zhDate(vm.termTo) }), left, doc.y, { width: inner, indent: 36, lineGap: 10 });
    doc.moveDown(0.3);
    doc.text(say(t, 'end'), left, doc.y, { width: inner, indent: 36 });

    doc.fontSize(15);
    const issuer = say(t, 'issuer', { issuedBy: vm.issuedBy });
    const onBehalf = say(t, 'on_behalf', { onBehalfOf: vm.onBehalfOf });
    const date = say(t, 'date', { date: zhDate(c.issuedOn) });
    const top = 440;
    doc.text(issuer, left, top, { width: inner, align: 'right' });
    doc.fontSize(11).text(onBehalf, left, doc.y + 2, { width: inner, align: 'right' });
    doc.fontSize(15).text(date, left, doc.y + 4, { width: inner, align: 'right' });
    doc.fontSize(15);
    const right = left + inner;
    // The label sits at the top of the circle: below it come the 代…颁发 line and the date, which it must not cover.
    sealMark(doc, right - doc.widthOfString(issuer) / 2, top + 22, 48, 'top');
  }
}
