import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrSegments } from './document.ts';

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
