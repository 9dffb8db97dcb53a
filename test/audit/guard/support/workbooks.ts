/**
 * Small, valid workbooks built with exceljs in memory (`writeBuffer()`), the raw material the
 * adversarial corpus damages: a RACI workbook with a register, a matrix with a merged title
 * and styled cells, and a variant with one long text cell.
 */
import ExcelJS from 'exceljs';

/** Returns the .xlsx bytes of a small, valid RACI workbook (sheets "Register" and "RACI"). */
export async function raciWorkbook(options: { longText?: string } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const register = workbook.addWorksheet('Register');
  register.addRow(['Name', 'Kind', 'Owner', 'LT Sponsor', 'RACI sheet']);
  register.addRow(['Incident Management', 'Process', 'Ana Silva', 'Ben Okafor', 'RACI']);
  register.getRow(1).font = { bold: true };

  const raci = workbook.addWorksheet('RACI');
  raci.addRow(['Incident Management RACI']);
  raci.mergeCells('A1:D1');
  raci.addRow(['Activity', 'Service Desk', 'Process Owner', 'Process Manager']);
  raci.addRow(['Log incident', 'R', 'A', 'I']);
  raci.addRow(['Resolve incident', 'R', 'A', 'C']);
  raci.addRow(['Close incident', options.longText ?? 'R', 'A', 'I']);
  raci.getCell('B3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Returns the sheet part names of a workbook exceljs wrote, for the two sheets above. */
export const REGISTER_PART = 'xl/worksheets/sheet1.xml';
export const RACI_PART = 'xl/worksheets/sheet2.xml';
