import { describe, expect, it } from 'vitest';
import { renderDocument, type DocumentLayout } from './document.ts';
import { LAYOUT_CACHE_ENTRIES, PdfFontLoader, shareScaledRuns, type DocumentFont } from './fonts.ts';

const fonts = new PdfFontLoader(undefined).get();

const layout = (holder: string): DocumentLayout => ({
  issuer: '演示登记结算机构',
  title: '证券持有余额电子凭证',
  fields: [{ label: '持有人名称', value: holder }],
  table: {
    columns: [
      { header: '证券代码', width: 1 },
      { header: '持有合计', width: 1, align: 'right' },
    ],
    rows: [['600000', '1,200']],
    empty: '无',
  },
  paragraphs: ['兹证明：上述持有人持有的证券余额如上表所列。'],
  verification: { code: 'ABCD-EFGH-JKLM-NPQR', url: 'https://registry.example/verify/?code=ABCD-EFGH-JKLM-NPQR', lines: ['请访问下列网址核验：'] },
  issuedLine: '出具时间：2026-11-20 10:00:00（北京时间）',
  metadata: { title: '证券持有余额电子凭证', author: '演示', subject: '证券持有余额电子凭证', creationDate: new Date('2026-11-20T02:00:00Z') },
});

describe('scaled layout runs shared between documents', () => {
  it('render a document to the same bytes as its first rendering, before any run was shared', async () => {
    const first = await renderDocument(fonts, layout('演示投资者'));
    await renderDocument(fonts, layout('另一位投资者'));
    const again = await renderDocument(fonts, layout('演示投资者'));
    expect(again.equals(first)).toBe(true);
  });

  it('are one cache per face, handed to each document font', () => {
    const [a, b, c]: DocumentFont[] = [{ layoutCache: {} }, { layoutCache: {} }, { layoutCache: {} }];
    shareScaledRuns(a!, fonts.regular);
    shareScaledRuns(b!, fonts.regular);
    shareScaledRuns(c!, { ...fonts.bold, parsed: {} });
    expect(a!.layoutCache).toBe(b!.layoutCache);
    expect(c!.layoutCache).not.toBe(a!.layoutCache);
  });

  it('leave a document alone when pdfkit was told not to cache', () => {
    const font: DocumentFont = {};
    shareScaledRuns(font, fonts.regular);
    expect(font.layoutCache).toBeUndefined();
  });

  it('are emptied once they have grown past the limit', () => {
    const face = { ...fonts.regular, parsed: {} };
    const font: DocumentFont = { layoutCache: {} };
    shareScaledRuns(font, face);
    const grown = font.layoutCache!;
    for (let i = 0; i <= LAYOUT_CACHE_ENTRIES; i++) grown[`word ${i}`] = {};
    for (let i = 0; i < 256; i++) shareScaledRuns(font, face);
    expect(font.layoutCache).not.toBe(grown);
    expect(Object.keys(font.layoutCache!)).toHaveLength(0);
  });
});
