import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { ConfigError, type Config } from '../../config.ts';

/**
 * The platform's signing identity: the private key e-certificates are signed
 * with and its X.509 certificate (plus the chain above it). In production both
 * come from files named in the config; in demo mode a demo certificate
 * authority and a signing certificate under it are generated once into
 * DATA_DIR/pki and reused at every start.
 */
export interface SigningIdentity {
  key: KeyObject;
  /** the signing certificate first, then its issuers */
  chainPem: string[];
  certificate: X509Certificate;
  /** DER of the signing certificate, as embedded in every signature */
  certificateDer: Buffer;
  /** SHA-256 of the signing certificate's DER, hex */
  fingerprint: string;
  subject: string;
  demo: boolean;
}

export const DEMO_CA_NAME = 'Clearhall DEMO Certificate Authority (NOT TRUSTED, demo only)';
export const DEMO_SIGNER_NAME = 'Clearhall DEMO e-certificate signing (NOT A REAL DEPOSITORY)';

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function fromPem(keyPem: string, certsPem: string, demo: boolean): SigningIdentity {
  const chainPem = certsPem.match(PEM_CERT) ?? [];
  if (chainPem.length === 0) throw new ConfigError('SIGNING_CERT_FILE: no PEM certificate found in the file');
  const key = createPrivateKey(keyPem);
  const certificate = new X509Certificate(chainPem[0]!);
  if (!certificate.checkPrivateKey(key)) throw new ConfigError('SIGNING_KEY_FILE: the key does not belong to the certificate in SIGNING_CERT_FILE');
  if (key.asymmetricKeyType !== 'rsa') throw new ConfigError('SIGNING_KEY_FILE: an RSA key is required (PKCS#7 signatures for PDF readers)');
  return {
    key,
    chainPem,
    certificate,
    certificateDer: certificate.raw,
    fingerprint: createHash('sha256').update(certificate.raw).digest('hex'),
    subject: certificate.subject,
    demo,
  };
}

function forgeCertificate(subjectCn: string, issuer: { cn: string; key: forge.pki.rsa.PrivateKey } | null, publicKeyPem: string, selfKey: forge.pki.rsa.PrivateKey, years: number, isCa: boolean): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  const now = new Date();
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + years * 365 * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: subjectCn },
    { name: 'organizationName', value: 'Clearhall demo' },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(
    issuer
      ? [
          { name: 'commonName', value: issuer.cn },
          { name: 'organizationName', value: 'Clearhall demo' },
          { name: 'countryName', value: 'CN' },
        ]
      : subject,
  );
  cert.setExtensions(
    isCa
      ? [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }, { name: 'subjectKeyIdentifier' }]
      : [{ name: 'basicConstraints', cA: false }, { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true }, { name: 'subjectKeyIdentifier' }],
  );
  cert.sign(issuer?.key ?? selfKey, forge.md.sha256.create());
  return cert;
}

function rsaPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
}

/** Generates the demo authority and the signing certificate it issues. */
export function generateDemoIdentity(): { keyPem: string; chainPem: string } {
  const ca = rsaPair();
  const caKey = forge.pki.privateKeyFromPem(ca.privateKey) as forge.pki.rsa.PrivateKey;
  const caCert = forgeCertificate(DEMO_CA_NAME, null, ca.publicKey, caKey, 20, true);
  const signer = rsaPair();
  const signerKey = forge.pki.privateKeyFromPem(signer.privateKey) as forge.pki.rsa.PrivateKey;
  const signerCert = forgeCertificate(DEMO_SIGNER_NAME, { cn: DEMO_CA_NAME, key: caKey }, signer.publicKey, signerKey, 10, false);
  return { keyPem: signer.privateKey, chainPem: forge.pki.certificateToPem(signerCert) + forge.pki.certificateToPem(caCert) };
}

/** Reads the configured identity, or in demo mode the generated one (created at first use). */
export function loadSigningIdentity(config: Config): SigningIdentity {
  if (config.signingKeyFile || config.signingCertFile) {
    if (!config.signingKeyFile || !config.signingCertFile) throw new ConfigError('SIGNING_KEY_FILE and SIGNING_CERT_FILE: set both or neither');
    const read = (file: string, name: string) => {
      if (!existsSync(file)) throw new ConfigError(`${name}: file ${file} does not exist`);
      return readFileSync(file, 'utf8');
    };
    return fromPem(read(config.signingKeyFile, 'SIGNING_KEY_FILE'), read(config.signingCertFile, 'SIGNING_CERT_FILE'), false);
  }
  if (!config.demo) throw new ConfigError('SIGNING_KEY_FILE and SIGNING_CERT_FILE: required outside demo mode (the platform signs e-certificates with them)');
  const folder = path.join(config.dataDir, 'pki');
  const keyFile = path.join(folder, 'demo-signing.key.pem');
  const certFile = path.join(folder, 'demo-signing.chain.pem');
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    mkdirSync(folder, { recursive: true });
    const generated = generateDemoIdentity();
    writeFileSync(keyFile, generated.keyPem, { mode: 0o600 });
    writeFileSync(certFile, generated.chainPem);
  }
  return fromPem(readFileSync(keyFile, 'utf8'), readFileSync(certFile, 'utf8'), true);
}

/** Loads the identity once, at first use (startServer asks at start, so a bad setting stops it there). */
export class PlatformPki {
  private loaded: SigningIdentity | null = null;
  constructor(private readonly config: Config) {}
  identity(): SigningIdentity {
    this.loaded ??= loadSigningIdentity(this.config);
    return this.loaded;
  }
}
