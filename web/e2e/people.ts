/** Made-up residents with valid GB 11643 identity numbers, and a voter file as a clerk's Excel sheet. */
import ExcelJS from 'exceljs';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumber(birthDate: string, sequence: number, region = '620102'): string {
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(sequence % 1000).padStart(3, '0')}`;
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * WEIGHTS[i]!, 0);
  return first17 + CHECK[sum % 11]!;
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '伟刚勇毅俊峰强军平保东文辉力明永健秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱';

export interface Resident {
  readonly idNumber: string;
  readonly name: string;
  readonly residency: '户籍' | '居住';
}

export function residents(count: number): Resident[] {
  return Array.from({ length: count }, (_, i) => {
    const year = 1950 + (i % 50);
    const birth = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${GIVEN[(i * 3 + 1) % GIVEN.length]}`;
    return { idNumber: idNumber(birth, 100 + i * 2), name, residency: i % 5 === 0 ? '居住' : '户籍' };
  });
}

/** An .xlsx with the template's header and one row per resident (the header is row 1, the first resident row 2). */
export async function voterWorkbook(rows: readonly Resident[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('选民');
  sheet.addRow(['身份证号码', '姓名', '户籍/居住', '户号', '住址', '居民小组']);
  rows.forEach((r, i) => sheet.addRow([r.idNumber, r.name, r.residency, `H${Math.floor(i / 3) + 1}`, `秀川社区${(i % 20) + 1}号楼`, '']));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
