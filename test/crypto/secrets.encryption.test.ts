import { describe, expect, it } from "vitest";
import { generateKeySpec, needsRotation, open, parseKeyRing, seal, SecretError } from "~/crypto/secrets.server";

describe("secrets at rest", () => {
  const ring = parseKeyRing(generateKeySpec("k1"));

  it("round-trips and never stores the plaintext", () => {
    const sealed = seal(ring, "token-secret-123", "ctx");
    expect(sealed.keyId).toBe("k1");
    expect(sealed.value).not.toContain("token-secret-123");
    expect(open(ring, sealed.value, "ctx")).toBe("token-secret-123");
  });

  it("gives different ciphertexts for two saves of the same secret", () => {
    const a = seal(ring, "same", "ctx").value;
    const b = seal(ring, "same", "ctx").value;
    expect(a).not.toBe(b);
  });

  it("refuses a tampered value", () => {
    const sealed = seal(ring, "secret", "ctx").value;
    const parts = sealed.split(".");
    const ct = Buffer.from(parts[3]!, "base64url");
    ct[0] = ct[0]! ^ 0x01;
    parts[3] = ct.toString("base64url");
    expect(() => open(ring, parts.join("."), "ctx")).toThrow(SecretError);
  });

  it("refuses the wrong key and the wrong context", () => {
    const sealed = seal(ring, "secret", "shop-a").value;
    const other = parseKeyRing(generateKeySpec("k1"));
    expect(() => open(other, sealed, "shop-a")).toThrow(/integrity/);
    expect(() => open(ring, sealed, "shop-b")).toThrow(/integrity/);
  });

  it("still opens values written under an older key after rotation, and says they need re-sealing", () => {
    const oldSpec = generateKeySpec("k1");
    const oldRing = parseKeyRing(oldSpec);
    const sealed = seal(oldRing, "secret", "ctx").value;
    const rotated = parseKeyRing(`${generateKeySpec("k2")},${oldSpec}`);
    expect(rotated.currentKeyId).toBe("k2");
    expect(open(rotated, sealed, "ctx")).toBe("secret");
    expect(needsRotation(rotated, sealed)).toBe(true);
    expect(seal(rotated, "secret", "ctx").keyId).toBe("k2");
    // Once the old key is dropped, its values can no longer be opened, and the error says why.
    expect(() => open(parseKeyRing(generateKeySpec("k2")), sealed, "ctx")).toThrow(/no longer holds/);
  });

  it("rejects malformed key specs", () => {
    expect(() => parseKeyRing("")).toThrow(/no key/);
    expect(() => parseKeyRing("k1:c2hvcnQ=")).toThrow(/32 bytes/);
    expect(() => parseKeyRing("nokey")).toThrow(/id:base64key/);
  });
});
