import { constants, createHash, privateEncrypt, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { SigningIdentity } from './identity.ts';

/**
 * Detached PKCS#7 / CMS SignedData (what PDF readers expect for
 * adbe.pkcs7.detached): the signer's certificate chain, signed attributes
 * (content type, signing time, SHA-256 message digest) and an RSA signature
 * over them. node-forge builds the structure; the RSA operation runs in Node's
 * OpenSSL, which is about a hundred times faster than forge's JavaScript RSA.
 */

/** DER prefix of DigestInfo { sha256, NULL } for a PKCS#1 v1.5 signature. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function signDetached(identity: SigningIdentity, content: Buffer, signingTime: Date): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  const certificates = identity.chainPem.map((pem) => forge.pki.certificateFromPem(pem));
  for (const cert of certificates) p7.addCertificate(cert);
  const nodeKey = {
    sign(md: forge.md.MessageDigest) {
      const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
      return privateEncrypt({ key: identity.key, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
    },
  };
  p7.addSigner({
    key: nodeKey as unknown as forge.pki.rsa.PrivateKey,
    certificate: certificates[0]!,
    digestAlgorithm: forge.pki.oids.sha256!,
    authenticatedAttributes: [{ type: forge.pki.oids.contentType!, value: forge.pki.oids.data }, { type: forge.pki.oids.signingTime!, value: signingTime as unknown as string }, { type: forge.pki.oids.messageDigest! }],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

export type SignatureCheck = { valid: true; signer: X509Certificate; signingTime: Date | null } | { valid: false; reason: 'malformed' | 'digest_mismatch' | 'bad_signature' | 'unknown_signer' };

type Asn1 = forge.asn1.Asn1;
/** node-forge's type declarations predate the options object its fromDer takes. */
const fromDer = forge.asn1.fromDer as unknown as (bytes: forge.util.ByteStringBuffer, options: { strict?: boolean; parseAllBytes?: boolean; decodeBitStrings?: boolean }) => Asn1;
const children = (node: Asn1 | undefined): Asn1[] => (node && Array.isArray(node.value) ? (node.value as Asn1[]) : []);
const bytes = (node: Asn1 | undefined): string => (node && typeof node.value === 'string' ? node.value : '');
const oidOf = (node: Asn1 | undefined) => forge.asn1.derToOid(forge.util.createBuffer(bytes(node)));

function attributeValue(attributes: Asn1[], oid: string): Asn1 | undefined {
  const found = attributes.find((a) => oidOf(children(a)[0]) === oid);
  return children(children(found)[1])[0];
}

/**
 * Checks a detached SignedData over `content`: the message digest attribute
 * must equal SHA-256 of the content, the signature must verify over the signed
 * attributes with the embedded signer certificate (an RSA key: what the
 * platform signs with), and that certificate must be `trusted` (byte for byte).
 *
 * Anyone may send any bytes here (the public /verify/ check), so it never
 * throws: whatever cannot be read or checked is simply not a valid signature.
 */
export function verifyDetached(signature: Buffer, content: Buffer, trusted: X509Certificate): SignatureCheck {
  try {
    return check(signature, content, trusted);
  } catch {
    return { valid: false, reason: 'malformed' };
  }
}

/** Whether `signatureValue` verifies over `data` with the certificate's key; false for a key of another type or a key that cannot be used. */
function rsaVerifies(certificate: X509Certificate, data: Buffer, signatureValue: Buffer): boolean {
  try {
    const key = certificate.publicKey;
    return key.asymmetricKeyType === 'rsa' && verify('sha256', data, key, signatureValue);
  } catch {
    return false;
  }
}

function check(signature: Buffer, content: Buffer, trusted: X509Certificate): SignatureCheck {
  const contentInfo = fromDer(forge.util.createBuffer(signature.toString('binary')), { strict: true, decodeBitStrings: false });
  // DER has one encoding per value: what does not encode back to the same bytes was altered (and
  // forge's reading would quietly forgive it), so the signature and certificates checked are the bytes sent.
  if (forge.asn1.toDer(contentInfo).getBytes() !== signature.toString('binary')) return { valid: false, reason: 'malformed' };
  const signedData = children(children(children(contentInfo)[1])[0]);
  const certSet = signedData.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  const certificates = children(certSet).map((c) => new X509Certificate(Buffer.from(forge.asn1.toDer(c).getBytes(), 'binary')));
  const signerInfo = children(children(signedData[signedData.length - 1])[0]);
  const signedAttrs = signerInfo.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
  const signatureValue = signerInfo.find((n) => n.tagClass === forge.asn1.Class.UNIVERSAL && n.type === forge.asn1.Type.OCTETSTRING);
  if (!signedAttrs || !signatureValue) return { valid: false, reason: 'malformed' };
  const attributes = children(signedAttrs);
  const digest = bytes(attributeValue(attributes, forge.pki.oids.messageDigest!));
  if (Buffer.from(digest, 'binary').compare(createHash('sha256').update(content).digest()) !== 0) return { valid: false, reason: 'digest_mismatch' };
  // The signature covers the DER of the attributes as a SET, not as the [0] field.
  const asSet = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attributes);
  const signedBytes = Buffer.from(forge.asn1.toDer(asSet).getBytes(), 'binary');
  const signer = certificates.find((c) => rsaVerifies(c, signedBytes, Buffer.from(bytes(signatureValue), 'binary')));
  if (!signer) return { valid: false, reason: 'bad_signature' };
  if (!signer.raw.equals(trusted.raw)) return { valid: false, reason: 'unknown_signer' };
  const time = attributeValue(attributes, forge.pki.oids.signingTime!);
  const signingTime = time ? forge.asn1.utcTimeToDate(bytes(time)) : null;
  if (signingTime && Number.isNaN(signingTime.getTime())) return { valid: false, reason: 'malformed' };
  return { valid: true, signer, signingTime };
}
