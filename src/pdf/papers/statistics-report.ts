/**
 * 换届选举情况统计表: the round's upward statistics, one column per community and the total, one row per field (typed
 * fields marked ＊). The same figures as `GET /rounds/:id/statistics` and its workbook. Wording in
 * templates/statistics-report.json.
 */
import { loadTemplate, say } from '../template.js';
import { centered, documentBuffer, footersOnEveryPage, newPage, paragraph, signature, table, title, zhDate, type Doc } from '../layout.js';

export interface StatisticsReportVm {
  readonly roundName: string;
  readonly streetName: string;
  readonly districtName: string;
  readonly statusZh: string;
  readonly reason: string | null;
  readonly reportDate: string;
  readonly fields: readonly { readonly key: string; readonly group: string; readonly labelZh: string; readonly source: 'data' | 'manual' }[];
  /** Each community: its name and its figure per field key. */
  readonly columns: readonly { readonly name: string; readonly figures: Readonly<Record<string, number | null>> }[];
  readonly total: Readonly<Record<string, number | null>>;
}

const PER_PAGE = 6;

export function renderStatisticsReport(doc: Doc, vm: StatisticsReportVm): void {
  const t = loadTemplate('statistics-report');
  const all = [...vm.columns, { name: say(t, 'total'), figures: vm.total }];
  const chunks: (typeof all)[] = [];
  for (let i = 0; i < all.length; i += PER_PAGE) chunks.push(all.slice(i, i + PER_PAGE));
  chunks.forEach((chunk, part) => {
    newPage(doc);
    title(doc, say(t, 'title'), 16);
    centered(doc, say(t, 'subtitle', { roundName: vm.roundName, districtName: vm.districtName, streetName: vm.streetName, statusZh: vm.statusZh }) + (part > 0 ? say(t, 'part', { part }) : ''), 10);
    if (vm.reason && part === 0) centered(doc, say(t, 'returned', { reason: vm.reason }), 10);
    doc.moveDown(0.4);
    const rest = (1 - 0.1 - 0.2) / chunk.length;
    let lastGroup = '';
    table(doc, {
      columns: [
        { header: say(t, 'col_group'), width: 0.1 },
        { header: say(t, 'col_field'), width: 0.2 },
        ...chunk.map((c) => ({ header: c.name, width: rest, align: 'right' as const })),
      ],
      rows: vm.fields.map((f) => {
        const group = f.group === lastGroup ? '' : f.group;
        lastGroup = f.group;
        return [
          group,
          f.source === 'manual' ? `${f.labelZh}${say(t, 'manual_mark')}` : f.labelZh,
          ...chunk.map((c) => {
            const v = c.figures[f.key];
            return v === null || v === undefined ? say(t, 'unfilled') : String(v);
          }),
        ];
      }),
      size: 8,
      padding: 2.5,
    });
  });
  paragraph(doc, say(t, 'note'), { size: 9 });
  signature(doc, [say(t, 'issuer', { streetName: vm.streetName }), say(t, 'date', { date: zhDate(vm.reportDate) })], 11);
  footersOnEveryPage(doc, say(t, 'footer', { streetName: vm.streetName, roundName: vm.roundName }));
}

export async function statisticsReportPdf(vm: StatisticsReportVm): Promise<Buffer> {
  return documentBuffer({ title: say(loadTemplate('statistics-report'), 'title'), date: vm.reportDate, bufferPages: true }, (doc) => renderStatisticsReport(doc, vm));
}
