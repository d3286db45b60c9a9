/** Certificate issuing (ECDSA P-256, X.509 v3), loaded only when the state directory has no CA or server certificate yet. */
import { createHash, createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/** A PEM certificate and its private key. */
export interface PemPair {
  certPem: string;
  keyPem: string;
}

const DAY_MS = 24 * 3600 * 1000;
const YEAR_MS = 365 * DAY_MS;
const { asn1 } = forge;
const OIDS = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  sha256WithRsa: '1.2.840.113549.1.1.11',
} as const;

/** The CA's subject (and the server certificate's issuer). */
const CA_SUBJECT = [
  { name: 'commonName', value: 'blaaiz-mock local CA' },
  { name: 'organizationName', value: 'blaaiz-mock' },
];

interface KeyPair {
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo, DER. */
  spki: Buffer;
  keyPem: string;
}

/** An ECDSA P-256 key pair: made natively in about a millisecond (an RSA-2048 one takes 50–300 ms). */
function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    privateKey,
    spki: publicKey.export({ type: 'spki', format: 'der' }),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

const fromDer = (bytes: Buffer) => asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')));
const toDer = (node: forge.asn1.Asn1) => Buffer.from(asn1.toDer(node).getBytes(), 'binary');

/** The signature algorithm of a signing key: ECDSA or RSA (a CA made by an earlier version), with SHA-256. */
function algorithmOf(key: KeyObject): forge.asn1.Asn1 {
  const ec = key.asymmetricKeyType === 'ec';
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(
      asn1.Class.UNIVERSAL,
      asn1.Type.OID,
      false,
      asn1.oidToDer(ec ? OIDS.ecdsaWithSha256 : OIDS.sha256WithRsa).getBytes(),
    ),
    // RFC 5758: ECDSA identifiers carry no parameters; RSA ones a NULL.
    ...(ec ? [] : [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')]),
  ]);
}

interface CertificateSpec {
  subject: forge.pki.CertificateField[];
  /** The issuer's Name as DER-decoded ASN.1 (the CA's own subject, read from its certificate). */
  issuer?: forge.asn1.Asn1;
  spki: Buffer;
  days: number;
  extensions: object[];
  signer: KeyObject;
}

/**
 * Builds and signs an X.509 v3 certificate: forge writes the TBS structure (names, validity,
 * extensions), the key and signature algorithm are put in as DER, and Node's crypto signs.
 */
function issue(spec: CertificateSpec): string {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  cert.validity.notBefore = new Date(Date.now() - DAY_MS);
  cert.validity.notAfter = new Date(Date.now() + spec.days * DAY_MS);
  cert.setSubject(spec.subject);
  cert.setIssuer(spec.subject);
  // forge only writes RSA keys: a placeholder here, replaced by the real SubjectPublicKeyInfo below.
  cert.publicKey = forge.pki.setRsaPublicKey(new forge.jsbn.BigInteger('3'), new forge.jsbn.BigInteger('3'));
  cert.setExtensions(spec.extensions);
  // forge writes a signature algorithm into the TBS; the right one replaces it below.
  cert.siginfo.algorithmOid = OIDS.sha256WithRsa;
  const tbs = (
    forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  const fields = tbs.value as forge.asn1.Asn1[];
  // [0] version, [1] serial, [2] signature algorithm, [3] issuer, [4] validity, [5] subject, [6] key, [7] extensions
  fields[2] = algorithmOf(spec.signer);
  if (spec.issuer) fields[3] = spec.issuer;
  fields[6] = fromDer(spec.spki);
  const tbsDer = toDer(tbs);
  const signature = sign('sha256', tbsDer, spec.signer);
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    algorithmOf(spec.signer),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\0${signature.toString('binary')}`),
  ]);
  return forge.pem.encode({ type: 'CERTIFICATE', body: asn1.toDer(certificate).getBytes() });
}

/** RFC 5280 subject key identifier: SHA-1 of the public key's bits. */
function keyIdentifier(spki: Buffer): string {
  const bits = (fromDer(spki).value as forge.asn1.Asn1[])[1]?.value as string;
  return createHash('sha1')
    .update(Buffer.from(bits.slice(1), 'binary'))
    .digest('binary');
}

/** Creates the local CA: ECDSA P-256, SHA-256, valid ten years. */
export function createCa(): PemPair {
  const keys = newKeyPair();
  const certPem = issue({
    subject: CA_SUBJECT,
    spki: keys.spki,
    days: 10 * 365,
    signer: keys.privateKey,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      {
        name: 'subjectKeyIdentifier',
        value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, keyIdentifier(keys.spki)),
      },
    ],
  });
  return { certPem, keyPem: keys.keyPem };
}

/** Creates a server certificate for `hosts` (DNS names or IPs) signed by `ca` (an ECDSA or an older RSA CA). */
export function createServerCert(ca: PemPair, hosts: string[]): PemPair {
  const caDer = Buffer.from(forge.pem.decode(ca.certPem)[0]?.body ?? '', 'binary');
  const caTbs = (fromDer(caDer).value as forge.asn1.Asn1[])[0]?.value as forge.asn1.Asn1[];
  const keys = newKeyPair();
  const certPem = issue({
    subject: [{ name: 'commonName', value: hosts[0] ?? 'localhost' }],
    issuer: caTbs[5] as forge.asn1.Asn1,
    spki: keys.spki,
    days: Math.round((2 * YEAR_MS) / DAY_MS) - 31,
    signer: createPrivateKey(ca.keyPem),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: hosts.map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host })),
      },
    ],
  });
  return { certPem, keyPem: keys.keyPem };
}
