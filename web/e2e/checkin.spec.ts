/**
 * QR check-in (issue 21): the committee prints the voter cards, the meeting desk's scanner reads a card's QR code and
 * types it into the check-in screen with Enter; the voter is checked in once (the attendance moves to 1) and a second
 * scan of the same card is refused with its reason while the attendance stays. The token is read as a scanner reads
 * it: the first card's page of the real voter-cards PDF is rasterised (pdftoppm) and its QR code decoded (jsQR).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { expect as baseExpect, test } from './fixtures';
import { caller } from './election-day-seed';
import { ownCommunity, pageAs } from './own-community';

const expect = baseExpect.configure({ timeout: 30_000 });

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
function idNumber(seq: number): string {
  const body = `62010219750${(seq % 9) + 1}1${seq % 9}${String(500 + seq).slice(-3)}`;
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body[i]) * WEIGHTS[i]!;
  return body + CHECK[sum % 11]!;
}

/** Reads a binary PPM (P6) as RGBA pixels for jsQR. */
function readPpm(file: string): { data: Uint8ClampedArray; width: number; height: number } {
  const buf = readFileSync(file);
  const header: string[] = [];
  let pos = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]!))) pos += 1;
    let token = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]!))) token += String.fromCharCode(buf[pos++]!);
    header.push(token);
  }
  pos += 1;
  const [magic, w, h] = header;
  if (magic !== 'P6') throw new Error(`not a binary PPM: ${magic}`);
  const width = Number(w);
  const height = Number(h);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    data[i * 4] = buf[pos + i * 3]!;
    data[i * 4 + 1] = buf[pos + i * 3 + 1]!;
    data[i * 4 + 2] = buf[pos + i * 3 + 2]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width, height };
}

test('a QR voter card checks in once and only once', async ({ world, browser, snap }) => {
  test.setTimeout(180_000);
  const call = caller(world.baseURL);
  // A community of its own in the seeded round (direct election), so the other specs' community is left as it is.
  const { id, token } = await ownCommunity(world, {
    username: 'xiufeng-xuanwei',
    community: { name: '秀峰社区', code: 'qr1', households: 500, method: 'direct', rcSeats: { director: 1, deputies: 1, members: 3 }, party: { type: 'branch', members: 20, seats: 5 } },
  });
  const page = await pageAs(browser, token);

  // The committee's preparation through the API: time and place, the notice, voters, the published list.
  await call('PATCH', `/communities/${id}`, { time: '上午9:00', place: '秀峰社区居委会会议室' }, token);
  await call('POST', `/communities/${id}/documents/election-notice/issue`, { issuedOn: world.today }, token);
  const names = ['赵一鸣', '钱二丽', '孙三强', '李四海', '周五洲', '吴六和'];
  const csv = ['身份证号码,姓名,户籍/居住,户号,住址'].concat(names.map((n, i) => `${idNumber(i + 1)},${n},户籍,Q${i + 1},秀川路${i + 1}号`)).join('\r\n');
  await call('POST', `/communities/${id}/voters/import?mode=partial`, `\uFEFF${csv}`, token);
  await call('POST', `/communities/${id}/voter-list/publish`, { publishedOn: world.today }, token);
  const meeting = await call<{ id: string; expected: number }>('POST', `/communities/${id}/meetings`, { kind: 'rc', date: world.today }, token);

  // The first card of the printed voter cards (one per page), decoded from its QR code.
  const dir = mkdtempSync(join(tmpdir(), 'checkin-e2e-'));
  let card: string;
  try {
    const pdf = await fetch(`${world.baseURL}/api/v1/communities/${id}/documents/voter-cards.pdf?perPage=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(pdf.status).toBe(200);
    writeFileSync(join(dir, 'cards.pdf'), Buffer.from(await pdf.arrayBuffer()));
    execFileSync('pdftoppm', ['-r', '200', '-f', '1', '-l', '1', join(dir, 'cards.pdf'), join(dir, 'page')]);
    const image = readPpm(join(dir, 'page-1.ppm'));
    const qr = jsQR(image.data, image.width, image.height);
    expect(qr, 'a QR code on the first voter card').not.toBeNull();
    card = qr!.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(card).toMatch(/^VC1-[0-9A-F]{52}$/);

  await page.goto(`/meetings/${meeting.id}/check-in`);
  await expect(page.getByRole('heading', { level: 1, name: '扫码签到' })).toBeVisible();
  const field = page.getByLabel('选民证二维码（扫描枪扫描后自动提交）');
  await expect(field).toBeFocused();
  await expect(page.getByTestId('present')).toHaveText('0');

  // The scanner types the code and Enter.
  await page.keyboard.type(card);
  await page.keyboard.press('Enter');
  const result = page.getByRole('status', { name: '签到结果' });
  await expect(result).toContainText('签到成功');
  await expect(result).toContainText(/\*{8}/);
  await expect(page.getByTestId('present')).toHaveText('1');
  await expect(page.getByText(`应到 ${meeting.expected} 人`)).toBeVisible();
  await expect(page.getByText('尚未达到法定人数')).toBeVisible();
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('');

  // The same card again: refused, the attendance stays.
  await page.keyboard.type(card);
  await page.keyboard.press('Enter');
  await expect(result).toContainText('已经签到，不能重复签到');
  await expect(page.getByTestId('present')).toHaveText('1');
  await expect(page.getByText('最近签到（共 1 人）')).toBeVisible();
  await snap(page, 'checkin');

  const quorum = await call<{ present: number }>('GET', `/meetings/${meeting.id}/quorum`, undefined, token);
  expect(quorum.present).toBe(1);
  await page.context().close();
});
