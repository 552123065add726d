/**
 * Secrets at rest (NetSuite tokens and keys): AES-256-GCM with a random 96-bit IV per write,
 * the key id stored beside the ciphertext so keys can rotate, and associated data binding a
 * ciphertext to the row it belongs to (a value copied into another shop's row fails to open).
 *
 * ENCRYPTION_KEYS = "id:base64key[,id:base64key…]": the first key encrypts, all decrypt.
 * Rotation: put the new key first, keep the old ones until every row has been re-saved.
 */
import crypto from "node:crypto";

const VERSION = "v1";

export interface KeyRing {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export class SecretError extends Error {
  override name = "SecretError";
}

export function parseKeyRing(spec: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let currentKeyId: string | undefined;
  for (const part of spec.split(",").map((p) => p.trim()).filter(Boolean)) {
    const idx = part.indexOf(":");
    if (idx <= 0) throw new SecretError("ENCRYPTION_KEYS entries must look like id:base64key");
    const id = part.slice(0, idx);
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw new SecretError(`Invalid key id "${id}"`);
    const key = Buffer.from(part.slice(idx + 1), "base64");
    if (key.length !== 32) throw new SecretError(`Key "${id}" must be 32 bytes (base64 of 32 random bytes), got ${key.length}`);
    if (keys.has(id)) throw new SecretError(`Key id "${id}" appears twice`);
    keys.set(id, key);
    currentKeyId ??= id;
  }
  if (!currentKeyId) throw new SecretError("ENCRYPTION_KEYS holds no key");
  return { currentKeyId, keys };
}

export interface Sealed {
  /** "v1.<keyId>.<iv>.<ciphertext>.<tag>", base64url parts. */
  value: string;
  keyId: string;
}

/** Encrypts under the ring's current key. `context` must be given again to decrypt. */
export function seal(ring: KeyRing, plaintext: string, context: string): Sealed {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new SecretError("current key missing from ring");
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  const parts = [VERSION, ring.currentKeyId, iv.toString("base64url"), ct.toString("base64url"), tag.toString("base64url")];
  return { value: parts.join("."), keyId: ring.currentKeyId };
}

/** Decrypts with whichever key the value names; any tampering or a wrong key/context throws. */
export function open(ring: KeyRing, sealed: string, context: string): string {
  const [version, keyId, iv, ct, tag] = sealed.split(".");
  if (version !== VERSION || !keyId || iv === undefined || ct === undefined || tag === undefined) {
    throw new SecretError("Stored secret is not in a known format");
  }
  const key = ring.keys.get(keyId);
  if (!key) throw new SecretError(`Stored secret was encrypted with key "${keyId}", which ENCRYPTION_KEYS no longer holds`);
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new SecretError("Stored secret failed its integrity check (tampered, or the wrong key)", { cause });
  }
}

/** True when a value should be re-sealed because it was written under an older key. */
export function needsRotation(ring: KeyRing, sealed: string): boolean {
  return sealed.split(".")[1] !== ring.currentKeyId;
}

export function generateKeySpec(id: string): string {
  return `${id}:${crypto.randomBytes(32).toString("base64")}`;
}
