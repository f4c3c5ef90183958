import { describe, expect, it } from 'vitest';
import { csvField, csvTextField, FORMULA_TRIGGERS, neutraliseCell } from './csv.ts';

describe('CSV formula neutralising', () => {
  it('prefixes an apostrophe to text a spreadsheet would run as a formula', () => {
    expect(neutraliseCell('=HYPERLINK("http://evil.example","点击")')).toBe(`'=HYPERLINK("http://evil.example","点击")`);
    expect(neutraliseCell('+1+cmd|/C calc!A0')).toBe("'+1+cmd|/C calc!A0");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(neutraliseCell('\t=1+1')).toBe("'\t=1+1");
    expect(neutraliseCell('\r=1+1')).toBe("'\r=1+1");
    for (const trigger of FORMULA_TRIGGERS) expect(neutraliseCell(`${trigger}x`)).toBe(`'${trigger}x`);
  });

  it('leaves every other text alone, a formula sign inside the text included', () => {
    for (const value of ['', '张三', 'A123456789', '0199000001', 'a=b', '1+1', "'=already", ' =space first']) expect(neutraliseCell(value)).toBe(value);
  });

  it('quotes after neutralising, so a neutralised cell with a comma or quote stays one field', () => {
    expect(csvTextField('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(csvTextField('\r\n=1')).toBe(`"'\r\n=1"`);
    expect(csvTextField(null)).toBe('');
    // numeric fields are written as they are: a negative number stays a number
    expect(csvField('-5')).toBe('-5');
  });
});
