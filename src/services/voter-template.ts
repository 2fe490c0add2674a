/**
 * The voter import template a clerk downloads (GET /communities/:id/voters/template.xlsx): the columns the import
 * reads, with Chinese headers, one example row, and a note sheet describing each column. The identity-number column
 * is formatted as text, so that Excel keeps the number as typed. The example row is recognised by the import and
 * skipped when a clerk leaves it in.
 */
import ExcelJS from 'exceljs';
import type { DbOrTx } from '../db/client.js';
import { loadCommunityContext } from './rules.js';

/** The example row's identity number (the example of GB 11643 itself) and name; the import skips this row. */
export const EXAMPLE_ID_NUMBER = '11010519491231002X';
export const EXAMPLE_NAME = '张三（示例，请删除本行）';

interface TemplateColumn {
  readonly header: string;
  readonly required: boolean;
  readonly example: string;
  readonly width: number;
  readonly noteZh: string;
}

export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: '身份证号码', required: true, example: EXAMPLE_ID_NUMBER, width: 22, noteZh: '18位公民身份号码（15位旧号码也可）。本列已设为文本，请勿改为数字格式，否则Excel会把后几位变成0' },
  { header: '姓名', required: true, example: EXAMPLE_NAME, width: 24, noteZh: '与身份证一致' },
  { header: '户籍/居住', required: true, example: '户籍', width: 12, noteZh: '填写“户籍”（户籍在本社区）、“居住”或“人户分离”（居住在本社区，须本人申请）、“工作”（在本社区工作，须选委会同意）' },
  { header: '户号', required: false, example: 'H001', width: 10, noteZh: '可空' },
  { header: '住址', required: false, example: '酒泉路1号1单元101室', width: 26, noteZh: '可空' },
  { header: '居民小组', required: false, example: '', width: 14, noteZh: '可空；填写时须与已建立的居民小组名称一致' },
  { header: '性别', required: false, example: '男', width: 8, noteZh: '可空；填写“男”或“女”，须与身份证号码一致' },
  { header: '出生日期', required: false, example: '1949-12-31', width: 12, noteZh: '可空；格式YYYY-MM-DD，须与身份证号码一致' },
  { header: '居住月数', required: false, example: '', width: 10, noteZh: '“居住”“人户分离”的选民填写在本社区居住的月数（整数）' },
  { header: '本人申请', required: false, example: '', width: 10, noteZh: '“是”或“否”，空白视为“是”（人户分离的居民须本人申请）' },
  { header: '选委会同意', required: false, example: '', width: 10, noteZh: '“是”或“否”，空白视为“是”（在本社区工作的人员须选举委员会同意）' },
  { header: '剥夺政治权利', required: false, example: '', width: 12, noteZh: '“是”或“否”，空白视为“否”；被剥夺政治权利的人不能登记为选民' },
];

export async function voterTemplate(db: DbOrTx, input: { communityId: string }): Promise<{ buffer: Buffer; filename: string }> {
  const { community } = await loadCommunityContext(db, input.communityId);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '社区换届选举管理系统';
  const sheet = workbook.addWorksheet('选民登记');
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getColumn(1).numFmt = '@';
  const header = sheet.getRow(1);
  header.font = { bold: true };
  TEMPLATE_COLUMNS.forEach((c, i) => {
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  const example = sheet.addRow(TEMPLATE_COLUMNS.map((c) => c.example));
  example.font = { italic: true, color: { argb: 'FF808080' } };
  example.getCell(1).numFmt = '@';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];

  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', width: 14 },
    { header: '是否必填', width: 10 },
    { header: '说明', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) notes.addRow([c.header, c.required ? '必填' : '选填', c.noteZh]);
  notes.addRow([]);
  notes.addRow(['', '', `本模板用于${community.name}选民登记导入。第2行为示例，导入时会自动跳过，也可直接删除。`]);
  notes.addRow(['', '', '表头上方可以有标题行；空行会被跳过；身份证号码中的全角数字和空格会被自动去除。']);
  const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
  return { buffer, filename: `voter-template-${community.code}.xlsx` };
}
