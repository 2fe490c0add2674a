/** 当选证书 (AFT-CERT): one page per elected person, numbered, issued by the street office for the district government. */
import type { CertificatesVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { CONTENT_WIDTH, MARGIN, PAGE, newPage, zhDate, type Doc } from '../layout.js';

export function renderCertificates(doc: Doc, vm: CertificatesVm): void {
  const t = loadTemplate('certificates');
  for (const c of vm.certificates) {
    newPage(doc);
    // Double frame.
    doc.save().lineWidth(3).strokeColor('#a0151c').rect(30, 30, PAGE.width - 60, PAGE.height - 60).stroke();
    doc.lineWidth(0.8).rect(38, 38, PAGE.width - 76, PAGE.height - 76).stroke().restore();

    doc.font('regular').fontSize(11).fillColor('black');
    doc.text(say(t, 'number', { year: vm.termYear, number: String(c.number).padStart(4, '0') }), MARGIN.left, 70, {
      width: CONTENT_WIDTH,
      align: 'right',
    });
    doc.font('bold').fontSize(40).fillColor('#a0151c');
    doc.text(say(t, 'title'), MARGIN.left, 190, { width: CONTENT_WIDTH, align: 'center' });
    doc.fillColor('black');
    const x = MARGIN.left + 20;
    const width = CONTENT_WIDTH - 40;
    doc.font('regular').fontSize(18);
    doc.text(say(t, 'salutation', { name: c.name }), x, 340, { width });
    doc.moveDown(0.6);
    doc.text(say(t, 'body', { year: vm.termYear, communityName: vm.communityName, post: c.postZh }), x, doc.y, {
      width,
      indent: 36,
      lineGap: 12,
    });
    doc.moveDown(0.6);
    doc.text(say(t, 'end'), x, doc.y, { width, indent: 36 });
    doc.fontSize(15);
    doc.text(say(t, 'on_behalf', { issuedBy: vm.issuedBy, onBehalfOf: vm.onBehalfOf }), x, 640, { width, align: 'right' });
    doc.moveDown(0.5);
    doc.text(say(t, 'date', { date: zhDate(c.issuedOn) }), x, doc.y, { width, align: 'right' });
  }
}
