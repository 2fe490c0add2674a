/**
 * 计票单 (blank): one page per contest and ballot box, for the counters to fill in by hand. Its lines come in exactly
 * the order of the entry screen (the service's `sheetFields`): the ballots, each candidate in ballot order, then the
 * write-in lines (另选他人) with a name and a count.
 */
import type { Writable } from 'node:stream';
import { loadTemplate, say } from '../template.js';
import { centered, createDocument, heading, newPage, paragraph, postZh, signature, table, title, zhDate } from '../layout.js';

export interface BlankTallySheetVm {
  readonly communityName: string;
  readonly date: string;
  readonly sheets: readonly {
    readonly contest: string;
    readonly stage: string;
    readonly seats: number;
    readonly box: string;
    readonly fields: readonly { readonly field: string; readonly labelZh: string; readonly group: 'ballots' | 'candidates' | 'write-ins' }[];
  }[];
}

/** Renders the blank sheets to `out` (an HTTP response or a file). */
export async function renderBlankTallySheets(vm: BlankTallySheetVm, out: Writable): Promise<void> {
  const t = loadTemplate('tally-sheet');
  const doc = createDocument({ title: `${vm.communityName} 计票单`, date: vm.date });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  doc.pipe(out);
  for (const sheet of vm.sheets) {
    newPage(doc);
    const post = t[`post_${sheet.contest}`] ?? postZh(sheet.contest);
    title(doc, `${say(t, 'title', { communityName: vm.communityName, post })}${t[`stage_${sheet.stage}`] ?? ''}`, 17);
    centered(doc, say(t, 'meta', { box: sheet.box, seats: sheet.seats, date: zhDate(vm.date) }), 11);
    doc.moveDown(0.6);
    const rows = (group: string) => sheet.fields.filter((f) => f.group === group);
    heading(doc, say(t, 'section_ballots'));
    table(doc, {
      columns: [
        { header: say(t, 'col_no'), width: 0.12, align: 'center' },
        { header: say(t, 'col_item'), width: 0.5 },
        { header: say(t, 'col_count'), width: 0.38 },
      ],
      rows: rows('ballots').map((f, i) => [String(i + 1), f.labelZh, '']),
      minRowHeight: 24,
    });
    heading(doc, say(t, 'section_candidates'));
    table(doc, {
      columns: [
        { header: say(t, 'col_no'), width: 0.12, align: 'center' },
        { header: say(t, 'col_name'), width: 0.5 },
        { header: say(t, 'col_count'), width: 0.38 },
      ],
      rows: rows('candidates').map((f, i) => [String(i + 1), f.labelZh, '']),
      minRowHeight: 24,
    });
    heading(doc, say(t, 'section_writeins'));
    table(doc, {
      columns: [
        { header: say(t, 'col_no'), width: 0.12, align: 'center' },
        { header: say(t, 'col_name'), width: 0.5 },
        { header: say(t, 'col_count'), width: 0.38 },
      ],
      rows: rows('write-ins').map((_f, i) => [String(i + 1), '', '']),
      minRowHeight: 24,
    });
    paragraph(doc, say(t, 'note'), { size: 9.5 });
    doc.moveDown(1);
    signature(doc, [say(t, 'sign')], 11);
  }
  if (vm.sheets.length === 0) {
    newPage(doc);
    centered(doc, '本次会议尚无可计票的选举项目（候选人名单未公布）', 12);
  }
  doc.end();
  await done;
}
