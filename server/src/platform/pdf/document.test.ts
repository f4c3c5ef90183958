import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/pdf.ts';
import { qrSegments, renderDocument } from './document.ts';
import { PdfFontLoader } from './fonts.ts';

describe('renderDocument', () => {
  it('deflates every stream, at the fast level, into a file pdf.js reads', async () => {
    const pdf = await renderDocument(new PdfFontLoader(undefined).get(), {
      issuer: '演示登记结算机构',
      title: '证券持有余额电子凭证',
      fields: [{ label: '持有人名称', value: '演示投资者' }],
      paragraphs: ['兹证明：上述持有人持有的证券余额如上表所列。'],
      verification: { code: 'ABCD-EFGH-JKLM-NPQR', url: 'https://a.cn/verify/?code=ABCD-EFGH-JKLM-NPQR', lines: ['请访问下列网址核验：'] },
      issuedLine: '出具时间：2026-11-20 10:00:00（北京时间）',
      metadata: { title: '证券持有余额电子凭证', author: '演示', subject: '证券持有余额电子凭证', creationDate: new Date('2026-11-20T02:00:00Z') },
    });
    const text = pdf.toString('latin1');
    const streams = [...text.matchAll(/\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g)];
    expect(streams.length).toBeGreaterThanOrEqual(3);
    expect(text.match(/\nstream\n/g)).toHaveLength(streams.length);
    for (const stream of streams) {
      const start = stream.index + stream[0].length;
      const deflated = pdf.subarray(start, start + Number(stream[1]));
      // zlib header 78 01: the fastest level
      expect(deflated.subarray(0, 2).toString('hex')).toBe('7801');
      expect(inflateSync(deflated).length).toBeGreaterThan(0);
    }
    expect((await pdfText(pdf)).text).toContain('持有人名称：演示投资者');
  });
});

describe('qrSegments', () => {
  it('puts the verification code ending the address in alphanumeric mode, the rest in byte mode', () => {
    expect(qrSegments('https://a.cn/verify/?code=ABCD-EFGH-JKLM-NPQR')).toEqual([
      { data: Buffer.from('https://a.cn/verify/?code='), mode: 'byte' },
      { data: 'ABCD-EFGH-JKLM-NPQR', mode: 'alphanumeric' },
    ]);
    expect(qrSegments('https://a.cn/verify/')).toEqual([{ data: Buffer.from('https://a.cn/verify/'), mode: 'byte' }]);
    expect(qrSegments('ABCD-EFGH-JKLM-NPQR')).toEqual([{ data: 'ABCD-EFGH-JKLM-NPQR', mode: 'alphanumeric' }]);
  });

  it.each(['http://127.0.0.1:8080/verify/?code=67R5-G67Q-DYZA-8Y7A', 'https://registry.example.com.cn/verify/?code=ABCD-EFGH-JKLM-NPQR', 'https://登记.example/verify/?code=ABCD-EFGH-JKLM-NPQR'])(
    'give %s a symbol no larger than qrcode’s shortest split',
    (url) => {
      const searched = QRCode.create(url, { errorCorrectionLevel: 'M' });
      const given = QRCode.create(qrSegments(url), { errorCorrectionLevel: 'M' });
      expect(given.version).toBeLessThanOrEqual(searched.version);
    },
  );
});
