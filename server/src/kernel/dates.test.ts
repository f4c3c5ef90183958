import { describe, expect, it } from 'vitest';
import { addDays, addMonths, isIsoDate, termEnd } from './dates.ts';

describe('term end (DOMAIN.md, "Dates")', () => {
  it.each([
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2023-03-31', 1, '2023-04-30'],
    ['2024-03-01', 1, '2024-03-31'],
    ['2006-01-12', 24, '2008-01-11'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2023-03-01', 12, '2024-02-29'],
    ['2024-03-01', 12, '2025-02-28'],
    ['2024-01-05', 1, '2024-02-04'],
    ['2024-12-20', 1, '2025-01-19'],
    ['2023-01-29', 1, '2023-02-28'],
    ['2023-01-28', 1, '2023-02-27'],
    ['2024-01-01', 12, '2024-12-31'],
    ['2024-12-01', 1, '2024-12-31'],
    ['2024-11-30', 3, '2025-02-28'],
  ])('%s + %i months ends %s', (start, months, end) => {
    expect(termEnd(start, months)).toBe(end);
  });

  it('is never shorter than the calendar month: the day after the end is at or past the month-add', () => {
    for (let day = 0; day < 800; day++) {
      const start = addDays('2023-01-01', day);
      for (const months of [1, 6, 12, 24]) expect(addDays(termEnd(start, months), 1) >= addMonths(start, months)).toBe(true);
    }
  });
});

describe('month-add', () => {
  it('clamps to the last day of a shorter month', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-12-15', 1)).toBe('2025-01-15');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
  });
});

describe('days', () => {
  it('adds days across month and year ends', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('accepts only real calendar dates from year 1', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('0000-01-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
  });
});

describe('one month-add and one term-end rule (DOMAIN.md, "Dates")', () => {
  it('no source file but this one declares its own month arithmetic', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join, relative } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..', '..');
    const declaration = /(?:function|const|let)\s+(\w*(?:termEnd|periodEnd|addMonths|monthEnd|endOfTerm|monthsLater|lastDayOfMonth)\w*)\b/gi;
    const found: string[] = [];
    for (const folder of ['server/src', 'web/src', 'test', 'bench', 'scripts']) {
      const files = await readdir(join(root, folder), { recursive: true }).catch(() => [] as string[]);
      for (const file of files.filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$|\.gen\.ts$/.test(f))) {
        const path = join(root, folder, file);
        if (path === join(import.meta.dirname, 'dates.ts')) continue;
        for (const match of (await readFile(path, 'utf8')).matchAll(declaration)) found.push(`${relative(root, path)}: ${match[1]}`);
      }
    }
    // Local helpers that call the kernel's addMonths are fine; they are named here so a new one is looked at.
    expect(found.filter((f) => f !== 'server/src/modules/registry/demo/demo.ts: addMonthsDay')).toEqual([]);
  });
});
