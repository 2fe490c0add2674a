/**
 * 选票: one page per contest — title, 应选N名, instructions, candidates in ballot order (CAN-ORDER) each with a
 * marking box, and N write-in lines (另选他人); a run-off or re-vote ballot says so in its title, and a re-vote for a
 * tie (among the tied only) has no write-in lines. A party ballot
 * (committee, secretary, deputy secretary) is issued under the party organisation's seal.
 */
import type { BallotVm } from '../view-models.js';
import { loadTemplate, say } from '../template.js';
import { BOTTOM, CONTENT_WIDTH, MARGIN, centered, markBox, newPage, table, title, zhDate, type Doc } from '../layout.js';

export function renderBallot(doc: Doc, vm: BallotVm): void {
  const t = loadTemplate('ballot');
  for (const ballot of vm.ballots) {
    newPage(doc);
    title(doc, say(t, 'title', { electing: ballot.electing, stage: say(t, `stage_${ballot.stage}`) }), ballot.electing.length > 16 ? 16 : 18);
    centered(doc, say(t, 'seats', { seats: ballot.seats }), 15, 'bold');
    centered(doc, say(t, 'date', { date: zhDate(ballot.day) }), 10.5);
    doc.moveDown(0.6);

    // A re-vote for a tie is among the tied candidates only (a write-in cannot be elected there): no write-in lines.
    const writeIns = ballot.stage === 'revote' ? 0 : ballot.seats;
    // Instructions in a ruled box.
    const lines = writeIns > 0 ? [1, 2, 3, 4].map((i) => say(t, `instruction_${i}`, { seats: ballot.seats })) : [say(t, 'instruction_1'), say(t, 'instruction_revote_2'), say(t, 'instruction_revote_3', { seats: ballot.seats }), say(t, 'instruction_revote_4')];
    doc.font('regular').fontSize(10);
    const inner = CONTENT_WIDTH - 20;
    const textHeight = lines.reduce((h, l) => h + doc.heightOfString(l, { width: inner, lineGap: 2 }), 0);
    const boxTop = doc.y;
    const boxHeight = textHeight + 16 + 16;
    doc.save().lineWidth(0.8).rect(MARGIN.left, boxTop, CONTENT_WIDTH, boxHeight).stroke().restore();
    doc.font('bold').fontSize(10).text(say(t, 'instructions_title'), MARGIN.left + 10, boxTop + 6, { width: inner });
    doc.font('regular').fontSize(10);
    for (const line of lines) doc.text(line, MARGIN.left + 10, doc.y, { width: inner, lineGap: 2 });
    doc.y = boxTop + boxHeight + 12;

    // One sheet per ballot: rows shrink (28 pt down to 16 pt) and the names with them, so candidates, write-in
    // lines and the seal note fit on the sheet.
    const rows = ballot.candidates.length + writeIns + (writeIns > 0 ? 2 : 1);
    const room = BOTTOM - doc.y - 2 * 13 * 0.9 - 40; // two gaps after the tables, the seal note
    const rowHeight = Math.max(16, Math.min(28, Math.floor(room / rows)));
    const padding = rowHeight >= 22 ? 4 : 2;
    doc.font('bold').fontSize(100);
    const lineFactor = doc.heightOfString('国', { lineGap: 0 }) / 100;
    const size = Math.max(8, Math.min(13, Math.floor(((rowHeight - 2 * padding - 1.5) / lineFactor) * 2) / 2));
    const drawBox = (_i: number, y: number, h: number, xs: readonly number[], widths: readonly number[]) => {
      const box = Math.min(16, h - 5);
      markBox(doc, xs[2]! + (widths[2]! - box) / 2, y + (h - box) / 2, box);
    };
    const columns = [
      { header: say(t, 'col_no'), width: 0.14, align: 'center' as const },
      { header: say(t, 'col_name'), width: 0.56, align: 'center' as const },
      { header: say(t, 'col_mark'), width: 0.3, align: 'center' as const },
    ];
    table(doc, {
      columns,
      rows: ballot.candidates.map((c, i) => [String(i + 1), c.name, '']),
      size,
      padding,
      minRowHeight: rowHeight,
      afterRow: drawBox,
    });
    if (writeIns > 0) {
      table(doc, {
        columns: [columns[0]!, { ...columns[1]!, header: `${say(t, 'writein')}${say(t, 'writein_hint')}` }, columns[2]!],
        rows: Array.from({ length: writeIns }, (_, i) => [String(i + 1), '', '']),
        size,
        padding,
        minRowHeight: rowHeight,
        afterRow: drawBox,
      });
    }
    doc.moveDown(0.5);
    centered(doc, say(t, 'seal', { sealOf: ballot.sealOf }), 9.5);
  }
}
