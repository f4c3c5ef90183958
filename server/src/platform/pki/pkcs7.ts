import { createHash, sign, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import type { SigningIdentity } from './identity.ts';

/**
 * Detached PKCS#7 / CMS SignedData (what PDF readers expect for
 * adbe.pkcs7.detached): the signer's certificate chain, signed attributes
 * (content type, signing time, SHA-256 message digest) and an RSA signature
 * over them. The structure is written with node-forge's ASN.1 encoder; hashing
 * and the RSA operation run in Node's OpenSSL (forge would hash the whole PDF in
 * JavaScript), and the parts that depend only on the identity (the certificates,
 * the signer's issuer and serial number) are built once per identity.
 */

const { asn1 } = forge;
const U = asn1.Class.UNIVERSAL;
const seq = (value: Asn1[]) => asn1.create(U, asn1.Type.SEQUENCE, true, value);
const setOf = (value: Asn1[]) => asn1.create(U, asn1.Type.SET, true, value);
const oid = (id: string) => asn1.create(U, asn1.Type.OID, false, asn1.oidToDer(id).getBytes());
const octets = (data: Buffer) => asn1.create(U, asn1.Type.OCTETSTRING, false, data.toString('binary'));
const version1 = () => asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes());
const algorithm = (id: string) => seq([oid(id), asn1.create(U, asn1.Type.NULL, false, '')]);

interface PreparedSigner {
  certificates: Asn1[];
  issuerAndSerialNumber: Asn1;
}
const prepared = new WeakMap<SigningIdentity, PreparedSigner>();

function prepare(identity: SigningIdentity): PreparedSigner {
  let found = prepared.get(identity);
  if (!found) {
    const certificates = identity.chainPem.map((pem) => forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem)));
    // TBSCertificate: [0] version, serialNumber, signature, issuer, …
    const tbs = children(certificates[0]!)[0];
    const [, serialNumber, , issuer] = children(tbs);
    if (!serialNumber || !issuer) throw new Error('the signing certificate has no version 3 TBSCertificate');
    found = { certificates, issuerAndSerialNumber: seq([issuer, serialNumber]) };
    prepared.set(identity, found);
  }
  return found;
}

/** RFC 5652: a signing time before 2050 is a UTCTime, from 2050 a GeneralizedTime. */
function timeOf(date: Date): Asn1 {
  return date.getUTCFullYear() < 2050 ? asn1.create(U, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(date)) : asn1.create(U, asn1.Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(date));
}

export function signDetached(identity: SigningIdentity, content: Buffer, signingTime: Date): Buffer {
  const { certificates, issuerAndSerialNumber } = prepare(identity);
  const { oids } = forge.pki;
  const attributes = [
    seq([oid(oids.contentType!), setOf([oid(oids.data!)])]),
    seq([oid(oids.signingTime!), setOf([timeOf(signingTime)])]),
    seq([oid(oids.messageDigest!), setOf([octets(createHash('sha256').update(content).digest())])]),
  ];
  // The signature covers the DER of the attributes as a SET, not as the [0] field.
  const signature = sign('sha256', Buffer.from(asn1.toDer(setOf(attributes)).getBytes(), 'binary'), identity.key);
  const signerInfo = seq([version1(), issuerAndSerialNumber, algorithm(oids.sha256!), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, attributes), algorithm(oids.rsaEncryption!), octets(signature)]);
  const signedData = seq([version1(), setOf([algorithm(oids.sha256!)]), seq([oid(oids.data!)]), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, certificates), setOf([signerInfo])]);
  const contentInfo = seq([oid(oids.signedData!), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]);
  return Buffer.from(asn1.toDer(contentInfo).getBytes(), 'binary');
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
