/**
 * 选民证: one card per registered voter — name, the number on the voter list (the same as the list prints), masked
 * identity number, group, election day and time, the meeting place and the polling stations — one per page or eight
 * per A4 sheet (2 × 4) with dashed cut lines, as committees print them.
 *
 * The fast path: cards are drawn at fixed positions without line wrapping (pdfkit's wrapper is the slow part), the
 * constant lines are measured once per paper, and the voters come from an async iterable so the loader pages through
 * the database while the PDF streams out.
 */
import type { Writable } from 'node:stream';
import QRCode from 'qrcode';
import type { VoterCard, VoterCardsVm } from '../view-models.js';
import { loadTemplate, say, type Template } from '../template.js';
import { PAGE, assertNoWholeId, dashedLine, joinZh, zhDate, type Doc } from '../layout.js';

/** Kept clear at the sheet's edges: office printers cannot print the outer 4–5 mm. */
export const SHEET_MARGIN = 18;
export const CARD = { width: (PAGE.width - 2 * SHEET_MARGIN) / 2, height: (PAGE.height - 2 * SHEET_MARGIN) / 4 } as const;
const PAD = 16;

/** What is the same on every card of a paper, laid out once. */
export interface CardConstants {
  readonly title: string;
  readonly titleX: number;
  readonly subtitle: string;
  readonly subtitleX: number;
  readonly day: string;
  readonly place: string;
  readonly placeSize: number;
  /** 投票站 line (empty when there is none) and its size. */
  readonly stations: string;
  readonly stationsSize: number;
  readonly note: string;
  readonly issuer: string;
  readonly t: Template;
}

export function cardConstants(
  doc: Doc,
  vm: Pick<VoterCardsVm, 'communityName' | 'roundName' | 'electionDay' | 'time' | 'place' | 'pollingStations' | 'issuer' | 'holders'>,
): CardConstants {
  const t = loadTemplate('voter-cards');
  const reps = vm.holders === 'representatives';
  const title = say(t, reps ? 'title_representatives' : 'title');
  const subtitle = say(t, 'subtitle', { communityName: vm.communityName, roundName: vm.roundName });
  doc.font('bold').fontSize(17);
  const titleX = (CARD.width - doc.widthOfString(title)) / 2;
  doc.font('regular').fontSize(9);
  const subtitleX = Math.max(PAD, (CARD.width - doc.widthOfString(subtitle)) / 2);
  const place = say(t, 'place', { place: vm.place ?? '' });
  doc.fontSize(10.5);
  const room = CARD.width - 2 * PAD;
  const fit = (text: string) => Math.max(6.5, Math.min(10.5, (10.5 * room) / Math.max(1, doc.widthOfString(text))));
  const placeSize = fit(place);
  const stations = vm.pollingStations.length > 0 ? say(t, 'stations', { stations: joinZh(vm.pollingStations) }) : '';
  const stationsSize = fit(stations);
  return {
    title,
    titleX,
    subtitle,
    subtitleX,
    day: say(t, 'day', { date: zhDate(vm.electionDay), time: vm.time ?? '' }),
    place,
    placeSize,
    stations,
    stationsSize,
    note: say(t, reps ? 'note_representatives' : 'note'),
    issuer: say(t, 'issuer', { issuer: vm.issuer }),
    t,
  };
}

/** Draws one card with its top-left corner at (x, y). */
export function drawCard(doc: Doc, x: number, y: number, card: VoterCard, k: CardConstants): void {
  const id = say(k.t, 'id', { id: card.idMasked });
  assertNoWholeId(id);
  doc.lineWidth(1).roundedRect(x + 6, y + 6, CARD.width - 12, CARD.height - 12, 6).stroke();
  doc.font('bold').fontSize(17).text(k.title, x + k.titleX, y + PAD + 2, { lineBreak: false });
  doc.font('regular').fontSize(8.5).text(say(k.t, 'number', { number: card.number }), x + CARD.width - PAD - 66, y + PAD + 5, { lineBreak: false });
  doc.fontSize(9).text(k.subtitle, x + k.subtitleX, y + PAD + 25, { lineBreak: false });
  doc.fontSize(10.5);
  doc.text(say(k.t, 'name', { name: card.name }), x + PAD + 4, y + PAD + 43, { lineBreak: false });
  doc.text(id, x + PAD + 4, y + PAD + 60, { lineBreak: false });
  doc.text(say(k.t, 'group', { group: card.group ?? say(k.t, 'no_group') }), x + PAD + 4, y + PAD + 77, { lineBreak: false });
  doc.text(k.day, x + PAD + 4, y + PAD + 94, { lineBreak: false });
  doc.fontSize(k.placeSize).text(k.place, x + PAD + 4, y + PAD + 111, { lineBreak: false });
  if (k.stations) doc.fontSize(k.stationsSize).text(k.stations, x + PAD + 4, y + PAD + 128, { lineBreak: false });
  doc.fontSize(8).text(k.note, x + PAD + 4, y + PAD + 148, { lineBreak: false });
  doc.text(k.issuer, x + PAD + 4, y + PAD + 161, { lineBreak: false });
  if (card.qr) drawQr(doc, card.qr, x + CARD.width - PAD - 2 - QR_SIZE, y + PAD + 38);
}

/** The QR code's side in points (29 modules of a version-3 code, about 1.9 pt each). */
export const QR_SIZE = 54;

/**
 * Draws the check-in QR code (error correction M) as filled runs of dark modules, written as one path of rectangles
 * and one fill; the white quiet zone is the card's own background around it. A card's token (56 alphanumeric
 * characters) fits version 3; the version and the mask are fixed so that no mask is searched for each of 20,000 cards
 * (a fixed mask is a valid code; the search only lowers the penalty score).
 */
export function drawQr(doc: Doc, text: string, x: number, y: number): void {
  let symbol: QRCode.QRCode;
  try {
    symbol = QRCode.create(text, { errorCorrectionLevel: 'M', version: 3, maskPattern: 0 });
  } catch {
    symbol = QRCode.create(text, { errorCorrectionLevel: 'M' });
  }
  const { modules } = symbol;
  const n = modules.size;
  const m = QR_SIZE / n;
  // In module units (one `cm` scales them): "column row width 1 re" per run keeps the page's content short.
  const ops: string[] = [`q ${m.toFixed(4)} 0 0 ${m.toFixed(4)} ${x.toFixed(2)} ${y.toFixed(2)} cm`];
  for (let r = 0; r < n; r += 1) {
    let c = 0;
    while (c < n) {
      if (!modules.get(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < n && modules.get(r, c)) c += 1;
      ops.push(`${start} ${r} ${c - start} 1 re`);
    }
  }
  ops.push('f Q');
  doc.fillColor('black');
  // pdfkit's own rect() writes the same operator one call at a time; one string per code is several times faster.
  doc.addContent(ops.join('\n'));
}

/** Dashed cut lines around and between the cards of an 8-up sheet, run out to the paper's edge for the guillotine. */
export function drawCutLines(doc: Doc): void {
  const m = SHEET_MARGIN;
  for (let c = 0; c <= 2; c += 1) dashedLine(doc, m + c * CARD.width, 0, m + c * CARD.width, PAGE.height);
  for (let r = 0; r <= 4; r += 1) dashedLine(doc, 0, m + r * CARD.height, PAGE.width, m + r * CARD.height);
}

export interface CardProgress {
  (done: number, total: number): void;
}

/**
 * Renders the cards; awaits the destination when it is full so memory stays bounded (a slow client or disk holds
 * the loop, not a growing buffer).
 */
export async function renderVoterCards(doc: Doc, vm: VoterCardsVm, out: Writable | null, onProgress?: CardProgress): Promise<void> {
  const k = cardConstants(doc, vm);
  const perPage = vm.perPage;
  let done = 0;
  let slot: number = perPage;
  const pageOptions = { size: 'A4', margin: 0 } as const;
  for await (const card of vm.cards) {
    if (slot === perPage) {
      doc.addPage(pageOptions);
      if (perPage === 8) drawCutLines(doc);
      slot = 0;
    }
    const col = slot % 2;
    const row = Math.floor(slot / 2);
    drawCard(doc, SHEET_MARGIN + col * CARD.width, SHEET_MARGIN + row * CARD.height, card, k);
    slot += 1;
    done += 1;
    // Cards come from a page in memory: the loop would hold the event loop for the whole page (2,000 cards, about a
    // second), and every request waits behind it. Every 32 cards (~20 ms) let waiting I/O and timers run.
    if ((done & (YIELD_EVERY - 1)) === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if ((done & 255) === 0) {
      onProgress?.(done, vm.total);
      await relieve(doc, out);
      // The client went away: stop (and stop paging the database) instead of buffering the rest.
      if (out !== null && out.destroyed) throw new Error('the output was closed before the paper was complete');
    }
  }
  if (done === 0) doc.addPage(pageOptions);
  onProgress?.(done, vm.total);
}

const HIGH_WATER = 4 * 1024 * 1024;
/** Cards drawn between two turns of the event loop (a power of two). */
export const YIELD_EVERY = 32;

/** Lets the output drain: waits while the document's or the destination's buffer is full. */
async function relieve(doc: Doc, out: Writable | null): Promise<void> {
  while (doc.readableLength > HIGH_WATER || (out !== null && out.writableNeedDrain)) {
    if (out !== null && out.writableNeedDrain) {
      await new Promise<void>((resolve) => {
        const done = () => {
          out.off('drain', done);
          out.off('close', done);
          out.off('error', done);
          resolve();
        };
        out.once('drain', done);
        out.once('close', done);
        out.once('error', done);
      });
      if (out.destroyed) return;
    } else await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
