import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSplitter, type Row } from '../../src/services/table-reader.js';

/** Cells with the characters that matter to CSV: separators, quotes, line breaks, Chinese text. */
const arbCell = fc.string({ unit: fc.constantFrom('a', '张', '1', ' ', ',', '"', '\n', '\r\n', 'X'), maxLength: 6 });
const arbTable = fc.array(fc.array(arbCell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 30 });

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Feeds the text in pieces cut at the given positions. */
function split(text: string, cuts: number[]): Row[] {
  const splitter = new CsvSplitter();
  const out: Row[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
    splitter.push(text.slice(from, cut), out);
    from = cut;
  }
  splitter.push(text.slice(from), out);
  splitter.end(out);
  return out;
}

describe('CsvSplitter', () => {
  it('reads what a well-kept CSV parser reads, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(arbTable, fc.array(fc.nat(), { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (table, cuts, eol) => {
        // a row of one empty cell is a blank line, which the splitter keeps (row numbers) and csv-parse skips
        const rows = table.filter((r) => !(r.length === 1 && r[0] === ''));
        const text = rows.map((r) => r.map(quote).join(',')).join(eol) + eol;
        expect(split(text, cuts)).toEqual(parse(text, { relax_column_count: true }));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps a blank line as a row, so row numbers match the file', () => {
    expect(split('a,b\n\nc,d\n', [])).toEqual([['a', 'b'], [''], ['c', 'd']]);
  });

  it('splits unquoted lines after a quoted one in the same chunk', () => {
    expect(split('1,"x,y"\n2,z\n3,w\n4,"q"\n5,v', [])).toEqual([['1', 'x,y'], ['2', 'z'], ['3', 'w'], ['4', 'q'], ['5', 'v']]);
  });
});
