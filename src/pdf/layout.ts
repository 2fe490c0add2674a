/**
 * Layout helpers shared by every paper: the A4 document with the embedded CJK font and fixed metadata, titles,
 * paragraphs, signature blocks, tables that wrap and break across pages with the header repeated, boxes and dashed
 * cut lines. The guard against printing a whole identity number sits on the document's `text`.
 */
import { PassThrough } from 'node:stream';
import PDFDocument from 'pdfkit';
import { fontFace } from './fonts.js';
import { loadTemplate, say } from './template.js';

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 62, bottom: 56, left: 62, right: 62 } as const;
export const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const BOTTOM = PAGE.height - MARGIN.bottom;

/** 17 digits and a digit or X: a whole identity number. Never printed (DESIGN.md: personal data). */
const WHOLE_ID = /\d{17}[\dXx]/;

export class WholeIdNumberError extends Error {
  constructor() {
    super('refusing to print a whole identity number');
  }
}

export function assertNoWholeId(text: string): void {
  if (WHOLE_ID.test(text)) throw new WholeIdNumberError();
}

/** Midnight (Asia/Shanghai) of a calendar date: the fixed metadata date of a paper. */
export function metadataDate(day: string): Date {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00+08:00`) : new Date('2000-01-01T00:00:00+08:00');
  return Number.isNaN(d.getTime()) ? new Date('2000-01-01T00:00:00+08:00') : d;
}

export interface CreateDocumentInput {
  readonly title: string;
  /** The paper's own date (issue or publication): CreationDate and ModDate, so the same data gives the same bytes. */
  readonly date: string;
  readonly bold?: boolean;
  /** Keep every page until the end so a footer can say 第 x 页 共 y 页 (`pageFooters`); off for streamed papers. */
  readonly bufferPages?: boolean;
}

export function createDocument(input: CreateDocumentInput): Doc {
  const when = metadataDate(input.date);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { ...MARGIN },
    autoFirstPage: false,
    bufferPages: input.bufferPages ?? false,
    // No default Helvetica: every text is set in the embedded CJK font.
    font: null as unknown as string,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: input.title,
      Creator: '社区两委换届选举管理系统',
      Producer: 'huanjie (pdfkit)',
      CreationDate: when,
      ModDate: when,
    },
  });
  // The file /ID is the MD5 of the info above (pdfkit): fixed dates make it fixed too.
  // pdfkit takes a parsed face as it takes bytes (PDFFontFactory.open); its typings know only the bytes.
  doc.registerFont('regular', fontFace('regular') as Buffer);
  if (input.bold !== false) doc.registerFont('bold', fontFace('bold') as Buffer);
  guardText(doc);
  return doc;
}

/** Wraps `doc.text` so no whole identity number can be written, whatever the caller passes. */
export function guardText(doc: Doc): void {
  const original = doc.text.bind(doc) as (...args: unknown[]) => Doc;
  (doc as unknown as { text: (...args: unknown[]) => Doc }).text = (...args: unknown[]) => {
    const first = args[0];
    if (typeof first === 'string' || typeof first === 'number') assertNoWholeId(String(first));
    // The marks of a kept span (`keep`) are never printed, whichever block sets the text.
    if (typeof first === 'string' && first.includes(KEEP_OPEN)) args[0] = first.replace(KEPT, '');
    return original(...args);
  };
}

// ------------------------------------------------------------------------------------------------ wording

const common = () => loadTemplate('common');

/** 2026年12月26日 */
export function zhDate(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  return say(common(), 'date', { y: m[1]!, m: String(Number(m[2])), d: String(Number(m[3])) });
}

const DIGITS_ZH = '零一二三四五六七八九';

/** 1..99 in Chinese numerals (第十一届); larger numbers in digits. */
export function zhNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : `${tens === 1 ? '' : DIGITS_ZH[tens]}十`}${ones === 0 ? '' : DIGITS_ZH[ones]}`;
}

/** 星期六 */
export function zhWeekday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const names = common().weekdays ?? '';
  return say(common(), 'weekday', { w: names.charAt(d.getUTCDay()) });
}

export function postZh(post: string, short = false): string {
  return common()[`${short ? 'short' : 'post'}_${post}`] ?? post;
}

export function sexZh(sex: 'male' | 'female' | null | undefined): string {
  return sex ? say(common(), `sex_${sex}`) : say(common(), 'unknown');
}

export function joinZh(items: readonly string[]): string {
  return items.join(say(common(), 'separator'));
}

export function defaultIssuer(communityName: string): string {
  return say(common(), 'issuer_default', { communityName });
}

export type PartyType = 'branch' | 'general' | 'committee';
const PARTY_POSTS: readonly string[] = ['party', 'secretary', 'deputy-secretary'];

/** 中共张掖路社区总支部委员会: the party organisation by its type (ORG-PARTY-TYPE). */
export function partyOrgName(community: string, type: PartyType): string {
  return say(common(), `party_org_${type}`, { community });
}

/** What a contest elects, in full: 张掖路社区居民委员会主任, 中共张掖路社区总支部委员会委员 / 书记 / 副书记. */
export function electingName(input: { readonly post: string; readonly community: string; readonly partyType: PartyType }): string {
  if (PARTY_POSTS.includes(input.post)) {
    const post = common()[`party_post_${input.post}`] ?? postZh(input.post);
    return say(common(), 'party_post', { partyOrg: partyOrgName(input.community, input.partyType), post });
  }
  return say(common(), 'rc_post', { community: input.community, post: postZh(input.post) });
}

/** Whose seal a paper of this post carries: the party organisation for party papers, else the election committee. */
export function sealOwner(input: { readonly post: string; readonly community: string; readonly partyType: PartyType; readonly rcIssuer: string }): string {
  return PARTY_POSTS.includes(input.post) ? partyOrgName(input.community, input.partyType) : input.rcIssuer;
}

/** 张掖路街道办事处 (a name already ending in 办事处 is kept). */
export function streetOffice(street: string): string {
  return street.endsWith('办事处') ? street : say(common(), 'street_office', { street });
}

/** 兰州市城关区人民政府 (a name already ending in 人民政府 is kept). */
export function districtGovernment(district: string): string {
  return district.endsWith('人民政府') ? district : say(common(), 'district_government', { district });
}

// ------------------------------------------------------------------------------------------------ blocks

export function newPage(doc: Doc): void {
  doc.addPage({ size: 'A4', margins: { ...MARGIN } });
  doc.x = MARGIN.left;
  doc.y = MARGIN.top;
}

/** Starts a new page when fewer than `height` points are left. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) newPage(doc);
}

export function title(doc: Doc, text: string, size = 20): void {
  doc.font('bold').fontSize(size).fillColor('black');
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center' });
  doc.moveDown(0.3);
}

export function centered(doc: Doc, text: string, size = 12, font: 'regular' | 'bold' = 'regular'): void {
  doc.font(font).fontSize(size);
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center' });
}

/** Marks a span (a name with what is said of it) that a line never breaks inside: see `paragraph`. */
const KEEP_OPEN = '\uE000';
const KEEP_CLOSE = '\uE001';
export function keep(text: string): string {
  return `${KEEP_OPEN}${text}${KEEP_CLOSE}`;
}
const KEPT = /[\uE000\uE001]/g;

/** Never at the start of a line (they stay with what precedes them) and never at the end (they go with what follows). */
const NO_LINE_START = '，。、；：？！）》」』”’%…—·';
const NO_LINE_END = '（《「『“‘';

/**
 * The lines of a text set in `width` (the first `indent` narrower) where no line breaks inside a kept span (`keep`),
 * inside a run of digits or Latin letters, before closing or after opening punctuation. A span wider than a line is
 * broken as ordinary text. The font and size are the document's current ones.
 */
export function wrapKept(doc: Doc, text: string, width: number, indent: number): string[] {
  // Atoms: kept spans, runs of digits/Latin, single other characters.
  const atoms: string[] = [];
  const re = /\uE000([^\uE001]*)\uE001|[0-9A-Za-z.:-]+|[\s\S]/gu;
  for (const m of text.matchAll(re)) atoms.push(m[1] ?? m[0]);
  // Punctuation joins its neighbour.
  const glued: string[] = [];
  let carry = '';
  for (const a of atoms) {
    if (NO_LINE_START.includes(a) && glued.length > 0 && carry === '') glued[glued.length - 1] += a;
    else if (NO_LINE_END.includes(a)) carry += a;
    else {
      glued.push(carry + a);
      carry = '';
    }
  }
  if (carry) glued.push(carry);
  const lines: string[] = [];
  let line = '';
  const room = () => (lines.length === 0 ? width - indent : width);
  const fits = (s: string) => doc.widthOfString(s) <= room() + 0.01;
  for (const atom of glued) {
    if (fits(line + atom)) {
      line += atom;
      continue;
    }
    if (line) {
      lines.push(line);
      line = '';
    }
    if (fits(atom)) line = atom;
    else
      for (const ch of atom) {
        if (!fits(line + ch) && line) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export interface ParagraphOptions {
  readonly size?: number;
  readonly indent?: boolean;
  readonly font?: 'regular' | 'bold';
  readonly gap?: number;
}

function paragraphSetting(doc: Doc, options: ParagraphOptions) {
  const size = options.size ?? 12;
  doc.font(options.font ?? 'regular').fontSize(size);
  const indent = options.indent === false ? 0 : size * 2;
  return { size, indent, textOptions: { width: CONTENT_WIDTH, indent, lineGap: size * 0.45, align: 'left' as const } };
}

/** The height a paragraph takes as `paragraph` sets it, the space after it included. */
export function paragraphHeight(doc: Doc, text: string, options: ParagraphOptions = {}): number {
  const { indent, textOptions } = paragraphSetting(doc, options);
  const body = text.includes(KEEP_OPEN)
    ? wrapKept(doc, text, CONTENT_WIDTH, indent).length * (doc.currentLineHeight(true) + textOptions.lineGap)
    : doc.heightOfString(text, textOptions);
  return body + doc.currentLineHeight(true) * (options.gap ?? 0.35);
}

/**
 * A paragraph with the first line indented by two characters, as Chinese notices are set. Kept spans (`keep`: a
 * name and its note) are never broken across lines.
 */
export function paragraph(doc: Doc, text: string, options: ParagraphOptions = {}): void {
  const { indent, textOptions } = paragraphSetting(doc, options);
  if (text.includes(KEEP_OPEN)) {
    const lines = wrapKept(doc, text, CONTENT_WIDTH, indent);
    const step = doc.currentLineHeight(true) + textOptions.lineGap;
    ensureSpace(doc, Math.min(lines.length * step, BOTTOM - MARGIN.top - 1));
    lines.forEach((line, i) => {
      if (doc.y + step > BOTTOM + textOptions.lineGap) newPage(doc);
      const y = doc.y;
      doc.text(line, MARGIN.left + (i === 0 ? indent : 0), y, { lineBreak: false });
      doc.x = MARGIN.left;
      doc.y = y + step;
    });
  } else {
    // Kept on one page (a name is never split from the rest of its line); only a paragraph taller than a page breaks.
    ensureSpace(doc, Math.min(doc.heightOfString(text, textOptions), BOTTOM - MARGIN.top - 1));
    doc.text(text, MARGIN.left, doc.y, textOptions);
  }
  doc.moveDown(options.gap ?? 0.35);
}

/** The last paragraphs of a paper, kept on the page of its signature (`closing`). */
export interface ClosingParagraph {
  readonly text: string;
  readonly options?: ParagraphOptions;
}

/**
 * The end of a notice: its last paragraphs, then the issuer, the date and the seal's place. The signature never
 * stands alone on a page (GB/T 9704: the seal stays on a page with body text, no （此页无正文）): when it does not
 * fit under the text, the last paragraphs (at least `keep`, two by default) go over to the new page with it.
 */
export function closing(doc: Doc, paragraphs: readonly ClosingParagraph[], lines: readonly string[], size = 12, keepLast = 2): void {
  const heights = paragraphs.map((p) => paragraphHeight(doc, p.text, p.options));
  const total = heights.reduce((a, b) => a + b, 0) + signatureRoom(lines, size);
  let stay = paragraphs.length;
  // Only the signature overflows and fits set tight: the paper stays on its page.
  const tight = doc.y + total > BOTTOM && signatureFitsTight(doc, doc.y + total - signatureRoom(lines, size), lines, size);
  if (doc.y + total > BOTTOM && !tight && paragraphs.length > 0) {
    stay = 0;
    let y = doc.y;
    while (stay < paragraphs.length - Math.min(keepLast, paragraphs.length) && y + heights[stay]! <= BOTTOM) y += heights[stay++]!;
  }
  paragraphs.forEach((p, i) => {
    if (i === stay) newPage(doc);
    paragraph(doc, p.text, p.options);
  });
  signature(doc, lines, size, tight);
}

const SEAL_RADIUS = 40;

const TIGHT_LEAD = 0.3;

/**
 * Whether the signature fits at `y` set tight: a smaller space above it, the issuer and date above the bottom margin
 * and the seal's circle reaching into it, clear of the page's foot.
 */
export function signatureFitsTight(doc: Doc, y: number, lines: readonly string[], size = 12): boolean {
  doc.font('regular').fontSize(size);
  const lead = doc.currentLineHeight(true) * TIGHT_LEAD;
  const block = lines.length * (doc.currentLineHeight(true) + size * 0.4);
  return y + lead + block <= BOTTOM && y + lead + block / 2 + SEAL_RADIUS <= PAGE.height - 44;
}

/** The height the issuer, the date and the seal's place take under the text. */
export function signatureRoom(lines: readonly string[], size = 12): number {
  return Math.max((lines.length + 2) * size * 1.6, 1.5 * SEAL_RADIUS + 20);
}

/**
 * Right-aligned issuer and date at the end of a notice, with the place for the seal (盖章处): a dashed circle of an
 * official seal's size (42 mm across is the usual round seal; drawn a little smaller) centred on the issuer's name.
 */
export function signature(doc: Doc, lines: readonly string[], size = 12, tight = false): void {
  if (!tight && doc.y + signatureRoom(lines, size) > BOTTOM) {
    // A page that holds only the issuer and the seal says so at its top, as official papers do.
    newPage(doc);
    doc.font('regular').fontSize(size).text(say(common(), 'no_body'), MARGIN.left, doc.y, { width: CONTENT_WIDTH, align: 'center' });
  }
  doc.font('regular').fontSize(size);
  doc.moveDown(tight ? TIGHT_LEAD : 1.2);
  const right = MARGIN.left + CONTENT_WIDTH - size * 2;
  const first = lines[0] ?? '';
  const top = doc.y;
  for (const line of lines) doc.text(line, MARGIN.left, doc.y, { width: CONTENT_WIDTH - size * 2, align: 'right', lineGap: size * 0.4 });
  const centreX = right - Math.min(doc.widthOfString(first), CONTENT_WIDTH) / 2;
  sealMark(doc, centreX, top + (doc.y - top) / 2);
}

/** 盖章处: a dashed circle where the stamp goes, its label in light grey so the seal covers it. */
export function sealMark(doc: Doc, x: number, y: number, radius = SEAL_RADIUS, label: 'top' | 'bottom' = 'bottom'): void {
  const y0 = doc.y;
  doc.save().lineWidth(0.6).strokeColor('#b0b0b0').dash(3, { space: 3 }).circle(x, y, radius).stroke().undash().restore();
  doc.save().font('regular').fontSize(8).fillColor('#b0b0b0');
  const labelY = label === 'top' ? y - radius + 7 : y + radius - 16;
  doc.text(say(common(), 'seal_here'), x - radius, labelY, { width: 2 * radius, align: 'center', lineBreak: false });
  doc.restore();
  doc.fillColor('black');
  doc.y = y0;
}

export function dashedLine(doc: Doc, x1: number, y1: number, x2: number, y2: number): void {
  doc.save().lineWidth(0.5).strokeColor('#777777').dash(4, { space: 3 }).moveTo(x1, y1).lineTo(x2, y2).stroke().undash().restore();
}

export function markBox(doc: Doc, x: number, y: number, size: number): void {
  doc.save().lineWidth(1).strokeColor('black').rect(x, y, size, size).stroke().restore();
}

/** Who issues a paper and for which round: printed at the foot of every page. */
export interface PaperOrg {
  /** 兰州市城关区 */
  readonly district: string;
  /** 张掖路街道 */
  readonly street: string;
  /** 张掖路社区 */
  readonly community: string;
  /** 2026年张掖路街道社区两委换届选举 */
  readonly roundName: string;
}

/** The full name of the community: district, street and community (兰州市城关区张掖路街道张掖路社区). */
export function fullCommunityName(org: PaperOrg): string {
  return say(common(), 'full_name', { district: org.district, street: org.street, community: org.community });
}

/**
 * Writes the foot of a page (the community's full name, the round, 第 x 页 共 y 页) without triggering a page break.
 * `pages` null: no page numbers (a ballot, where each sheet stands alone).
 */
export function pageFooter(doc: Doc, org: PaperOrg, page: number, pages: number | null, bottomY = PAGE.height - 40): void {
  pageFooterLine(doc, say(common(), 'footer', { name: fullCommunityName(org), roundName: org.roundName }), page, pages, bottomY);
}

/** The foot of a page with a given first line (a street's paper names the street, not a community). */
export function pageFooterLine(doc: Doc, line: string, page: number, pages: number | null, bottomY = PAGE.height - 40): void {
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0;
  doc.font('regular').fontSize(8).fillColor('#555555');
  doc.text(line, MARGIN.left, bottomY, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
  if (pages !== null) doc.text(say(common(), 'page_of', { page, pages }), MARGIN.left, bottomY + 11, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
  doc.fillColor('black');
  doc.page.margins.bottom = bottom;
}

/** After the last page of a buffered document: the foot of every page, numbered 第 x 页 共 y 页. */
export function pageFooters(doc: Doc, org: PaperOrg, numbered = true): void {
  footersOnEveryPage(doc, say(common(), 'footer', { name: fullCommunityName(org), roundName: org.roundName }), numbered);
}

/** The same foot line on every buffered page, numbered 第 x 页 共 y 页 unless `numbered` is false. */
export function footersOnEveryPage(doc: Doc, line: string, numbered = true): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    pageFooterLine(doc, line, i - range.start + 1, numbered ? range.count : null);
  }
}

// ------------------------------------------------------------------------------------------------ tables

export interface Column {
  readonly header: string;
  /** Share of the content width (the shares of a table add up to 1). */
  readonly width: number;
  readonly align?: 'left' | 'center' | 'right';
}

export interface TableOptions {
  readonly columns: readonly Column[];
  readonly rows: Iterable<readonly string[]>;
  readonly size?: number;
  readonly padding?: number;
  /** Called for each row after it is drawn, e.g. to draw a box in a cell: (row index, y, height, column xs). */
  readonly afterRow?: (index: number, y: number, height: number, xs: readonly number[], widths: readonly number[]) => void;
  readonly minRowHeight?: number;
  /** Printed above the repeated header when the table continues on a new page (e.g. the group's name, 续). */
  readonly continuedCaption?: string;
  /**
   * The height of what must follow the table on its last page (the signature and the lines before it): when it would
   * not fit there, the last rows (`keepRows`, two by default) go over to the new page with it.
   */
  readonly keepWithNext?: number;
  readonly keepRows?: number;
}

/**
 * A ruled table: cells wrap within their column, a row that does not fit starts a new page and the header row is
 * drawn again there.
 */
export function table(doc: Doc, options: TableOptions): void {
  const size = options.size ?? 10.5;
  const padding = options.padding ?? 4;
  const widths = options.columns.map((c) => c.width * CONTENT_WIDTH);
  const xs: number[] = [];
  let acc = MARGIN.left;
  for (const w of widths) {
    xs.push(acc);
    acc += w;
  }
  const rowHeight = (cells: readonly string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(size);
    let h = 0;
    cells.forEach((cell, i) => {
      h = Math.max(h, doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * padding, lineGap: 1 }));
    });
    return Math.max(h + 2 * padding, options.minRowHeight ?? 0);
  };
  const drawRow = (cells: readonly string[], font: 'regular' | 'bold', fill: string | null, header = false): number => {
    const h = rowHeight(cells, font);
    const y = doc.y;
    if (fill) doc.save().rect(MARGIN.left, y, CONTENT_WIDTH, h).fill(fill).restore();
    doc.font(font).fontSize(size).fillColor('black');
    cells.forEach((cell, i) => {
      const col = options.columns[i]!;
      const textHeight = doc.heightOfString(cell || ' ', { width: widths[i]! - 2 * padding, lineGap: 1 });
      // CJK glyphs sit slightly above the middle of the font's line box: nudge them down to look centred.
      const top = y + Math.max(padding, (h - textHeight) / 2 + size * 0.08);
      doc.text(cell, xs[i]! + padding, top, { width: widths[i]! - 2 * padding, align: header ? 'center' : (col.align ?? 'left'), lineGap: 1 });
    });
    doc.save().lineWidth(0.6).strokeColor('#333333');
    widths.forEach((w, i) => doc.rect(xs[i]!, y, w, h).stroke());
    doc.restore();
    doc.x = MARGIN.left;
    doc.y = y + h;
    return h;
  };
  const header = options.columns.map((c) => c.header);
  const headerHeight = rowHeight(header, 'bold');
  ensureSpace(doc, headerHeight * 2);
  drawRow(header, 'bold', '#e8e8e8', true);
  const rows = options.keepWithNext === undefined ? options.rows : [...options.rows];
  const last = Array.isArray(rows) ? rows.length - Math.min(options.keepRows ?? 2, rows.length) : -1;
  let index = 0;
  let onPage = 0;
  for (const row of rows) {
    const h = rowHeight(row, 'regular');
    let breakHere = doc.y + h > BOTTOM;
    if (!breakHere && index === last && onPage > 0 && Array.isArray(rows)) {
      const rest = (rows as (readonly string[])[]).slice(index).reduce((a, r) => a + rowHeight(r, 'regular'), 0);
      breakHere = doc.y + rest + 10 + options.keepWithNext! > BOTTOM;
    }
    if (breakHere) {
      onPage = 0;
      newPage(doc);
      if (options.continuedCaption) {
        doc.font('bold').fontSize(size).fillColor('black').text(options.continuedCaption, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
        doc.y += size * 0.3;
      }
      drawRow(header, 'bold', '#e8e8e8', true);
    }
    const y = doc.y;
    drawRow(row, 'regular', null);
    options.afterRow?.(index, y, h, xs, widths);
    index += 1;
    onPage += 1;
  }
  doc.y += 10;
}

/** A section heading inside a paper. */
export function heading(doc: Doc, text: string, size = 13): void {
  // Kept with what follows: a heading never ends a page on its own (room for it and a table's first rows).
  ensureSpace(doc, size * 4 + 70);
  doc.moveDown(0.4);
  doc.font('bold').fontSize(size).text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

/** A whole paper in memory (reports of a few pages): a document made by `createDocument`, drawn by `draw`, ended. */
export async function documentBuffer(input: CreateDocumentInput, draw: (doc: Doc) => void): Promise<Buffer> {
  const doc = createDocument(input);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.once('end', resolve);
    doc.once('error', reject);
  });
  doc.pipe(out);
  draw(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
