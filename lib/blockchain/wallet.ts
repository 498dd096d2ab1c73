/**
 * Wallets with real Ed25519 keys (`node:crypto`, RFC 8032). Keys come from a seeded `Rng`, so
 * the same seed gives the same addresses and signatures (Ed25519 signing is deterministic); an
 * address is the 32-byte public key in hex.
 */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Rng } from '../random/rng';

// The DER prefixes of an Ed25519 private key (PKCS#8) and public key (SPKI), RFC 8410.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A wallet: a name for people, an address (public key, hex) and the private key. */
export interface Wallet {
  readonly name: string;
  readonly address: string;
  readonly privateKey: KeyObject;
}

/**
 * A wallet whose Ed25519 key is drawn from `rng` (32 random bytes as the RFC 8032 seed).
 *
 * @example
 * const alice = createWallet('Alice', createRng(1));
 * alice.address; // 64 hex digits
 */
export function createWallet(name: string, rng: Rng): Wallet {
  const seed = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) seed[i] = rng.int(0, 255);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { name, address: spki.subarray(SPKI_PREFIX.length).toString('hex'), privateKey };
}

/** The Ed25519 signature (hex) of a message given as hex bytes. */
export function signHex(wallet: Wallet, messageHex: string): string {
  return sign(null, Buffer.from(messageHex, 'hex'), wallet.privateKey).toString('hex');
}

/** True if `signatureHex` is a valid Ed25519 signature of `messageHex` by `address`; false for malformed input. */
export function verifyHex(address: string, messageHex: string, signatureHex: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(address) || !/^[0-9a-f]{128}$/.test(signatureHex) || !/^([0-9a-f]{2})*$/.test(messageHex)) return false;
  try {
    const publicKey = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(address, 'hex')]), format: 'der', type: 'spki' });
    return verify(null, Buffer.from(messageHex, 'hex'), publicKey, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}
