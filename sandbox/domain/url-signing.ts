/** HMAC signatures for the storage URLs (upload PUTs and ref GETs); one secret per sandbox. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Signer {
  sign(...parts: string[]): string;
  verify(signature: string | undefined, ...parts: string[]): boolean;
}

export function createSigner(): Signer {
  const secret = randomBytes(32);
  const sign = (...parts: string[]) => createHmac('sha256', secret).update(parts.join('.')).digest('base64url');
  return {
    sign,
    verify(signature, ...parts) {
      if (!signature) return false;
      const expected = Buffer.from(sign(...parts));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
