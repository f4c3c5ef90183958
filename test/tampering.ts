import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

/**
 * Ways an attacker reshapes a detached PKCS#7 signature (and the signed PDF
 * around it), for the fuzz tests of the public certificate check.
 */

type Asn1 = forge.asn1.Asn1;
const kids = (node: Asn1): Asn1[] => node.value as Asn1[];
const fromDer = (der: Buffer) => forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), false);
const toDer = (node: Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

/** DER SubjectPublicKeyInfo of a fresh key of this type. */
export function publicKeyInfo(type: 'ed25519' | 'x25519' | 'ed448' | 'ec' | 'dsa'): Buffer {
  const options = type === 'ec' ? { namedCurve: 'P-256' } : type === 'dsa' ? { modulusLength: 1024, divisorLength: 160 } : {};
  const { publicKey } = generateKeyPairSync(type as 'ed25519', options as never) as unknown as { publicKey: KeyObject };
  return publicKey.export({ type: 'spki', format: 'der' });
}

/** The signature with every embedded certificate's public key replaced by `spki` (the certificates still parse). */
export function swapSignerKeys(signature: Buffer, spki: Buffer): Buffer {
  const contentInfo = fromDer(signature);
  const signedData = kids(kids(kids(contentInfo)[1]!)[0]!);
  const certSet = signedData.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0)!;
  for (const cert of kids(certSet)) {
    const tbs = kids(kids(cert)[0]!);
    // tbsCertificate: [0] version, serial, signature algorithm, issuer, validity, subject, subjectPublicKeyInfo
    const at = tbs[0]!.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC ? 6 : 5;
    tbs[at] = fromDer(spki);
  }
  return toDer(contentInfo);
}

/** The PDF with the DER in its last signature's /Contents replaced (zero-padded to the placeholder's length). */
export function replacePdfSignature(pdf: Buffer, der: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const [, b, c] = ranges[ranges.length - 1]!.slice(1, 5).map(Number) as [number, number, number, number];
  const room = (c - b - 2) / 2;
  if (der.length > room) throw new Error('signature does not fit the placeholder');
  const hex = Buffer.concat([der, Buffer.alloc(room - der.length)]).toString('hex');
  return Buffer.concat([pdf.subarray(0, b + 1), Buffer.from(hex, 'latin1'), pdf.subarray(c - 1)]);
}

/** The DER signature in a signed PDF's last /Contents (without its zero padding). */
export function pdfSignature(pdf: Buffer): Buffer {
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const [, b, c] = ranges[ranges.length - 1]!.slice(1, 5).map(Number) as [number, number, number, number];
  const padded = Buffer.from(text.slice(b + 1, c - 1), 'hex');
  return toDer((forge.asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: object) => Asn1)(forge.util.createBuffer(padded.toString('binary')), { parseAllBytes: false, decodeBitStrings: false }));
}

/** A seeded pseudo-random generator (mulberry32), so a failing flip can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` copies of `data`, each with one byte at a random place inside [from, to) changed to a different value. */
export function byteFlips(data: Buffer, count: number, seed: number, from = 0, to = data.length): { at: number; mutated: Buffer }[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const at = from + Math.floor(random() * (to - from));
    const mutated = Buffer.from(data);
    mutated[at] = (data[at]! + 1 + Math.floor(random() * 255)) & 0xff;
    return { at, mutated };
  });
}
