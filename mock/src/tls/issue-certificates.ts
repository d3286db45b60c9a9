/** Certificate issuing with node-forge, loaded only when the state directory has no CA or server certificate yet. */
import { createPrivateKey, generateKeyPair, type KeyObject, sign } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/** A PEM certificate and its private key. */
export interface PemPair {
  certPem: string;
  keyPem: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

interface KeyPair {
  privateKey: KeyObject;
  publicKey: forge.pki.rsa.PublicKey;
  keyPem: string;
}

/** An RSA 2048 key pair made by Node's crypto (natively, off the main thread); forge only reads the public half. */
function newKeyPair(): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (error, publicKey, privateKey) => {
      if (error) return reject(error);
      const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
      resolve({
        privateKey,
        publicKey: forge.pki.publicKeyFromPem(spki) as forge.pki.rsa.PublicKey,
        keyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      });
    });
  });
}

/** Signs `cert` (SHA-256 with RSA) with Node's crypto instead of forge's JavaScript RSA. */
function signCertificate(cert: forge.pki.Certificate, key: KeyObject): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  // forge's own `cert.sign` does exactly this, with its JavaScript RSA for the last step.
  const tbs = (
    forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }
  ).getTBSCertificate(cert);
  cert.tbsCertificate = tbs;
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  cert.signature = sign('sha256', der, key).toString('binary');
}

function serial(): string {
  return `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
}

/** Starts making the key pairs a first start needs (the CA's and the server's) side by side. */
export function startKeyPairs(): { ca: Promise<KeyPair>; server: Promise<KeyPair> } {
  return { ca: newKeyPair(), server: newKeyPair() };
}

/** Creates the local CA: RSA 2048, SHA-256, valid ten years. */
export async function createCa(keyPair: Promise<KeyPair> = newKeyPair()): Promise<PemPair> {
  const keys = await keyPair;
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 10 * YEAR_MS);
  const subject = [
    { name: 'commonName', value: 'blaaiz-mock local CA' },
    { name: 'organizationName', value: 'blaaiz-mock' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(cert, keys.privateKey);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
}

/** Creates a server certificate for `hosts` (DNS names or IPs) signed by `ca`. */
export async function createServerCert(
  ca: PemPair,
  hosts: string[],
  keyPair: Promise<KeyPair> = newKeyPair(),
): Promise<PemPair> {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = createPrivateKey(ca.keyPem);
  const keys = await keyPair;
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600 * 1000);
  cert.validity.notAfter = new Date(Date.now() + 2 * YEAR_MS - 24 * 3600 * 1000 * 30);
  cert.setSubject([{ name: 'commonName', value: hosts[0] ?? 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hosts.map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host })),
    },
  ]);
  signCertificate(cert, caKey);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.keyPem };
}
