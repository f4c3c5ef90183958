import { buffer } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { xlsxBytes, type Cell } from './xlsx.ts';

async function* rowsOf(list: Cell[][]) {
  yield* list;
}

describe('streamed xlsx writer', () => {
  it('writes a workbook a spreadsheet library reads back cell for cell', { timeout: 60_000 }, async () => {
    // enough rows for several deflate chunks; text that needs escaping; empty cells
    const rows: Cell[][] = Array.from({ length: 12_000 }, (_, i) => [i + 1, `演示持有人<${i}> & "引号"`, i % 7 === 0 ? null : `A${String(i).padStart(9, '0')}`, 1_000_000_000_000 + i, 12.3456]);
    const counts: number[] = [];
    const bytes = await buffer(Readable.from(xlsxBytes('股东名册', ['序号', '名称', '账户', '数量', '比例'], rowsOf(rows), (n) => counts.push(n))));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('股东名册')!;
    expect(sheet.rowCount).toBe(12_001);
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '名称', '账户', '数量', '比例']);
    expect(sheet.getRow(2).values).toEqual([undefined, 1, '演示持有人<0> & "引号"', undefined, 1_000_000_000_000, 12.3456]);
    expect(sheet.getRow(12_001).values).toEqual([undefined, 12_000, '演示持有人<11999> & "引号"', 'A000011999', 1_000_000_011_999, 12.3456]);
    expect(counts.at(-1)).toBe(12_000);
  });

  it('writes formula-looking text as string cells, never formulas (no CSV-style neutralising needed)', async () => {
    const texts = ['=HYPERLINK("http://evil.example","x")', '+1+cmd|/C calc!A0', '-2+3', '@SUM(A1:A9)', '\t=1'];
    const bytes = await buffer(Readable.from(xlsxBytes('s', ['t'], rowsOf(texts.map((t) => [t])))));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('s')!;
    texts.forEach((text, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
    });
  });
});
