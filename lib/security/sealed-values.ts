import { open, type SecretKey, seal } from "./secret-box";

// Secrets kept inside JSON that also holds plain values (an HTTP template's header values): a sealed
// one carries a prefix, so a reader can tell it from plain text written before sealing began.

const PREFIX = "qf-sealed:";

export const isSealedValue = (value: string) => value.startsWith(PREFIX);

export const sealValue = (plain: string, key: SecretKey) => `${PREFIX}${seal(plain, key)}`;

/** A sealed value opened; a plain one as it is. */
export const openValue = (value: string, ring: SecretKey[]) =>
  isSealedValue(value) ? open(value.slice(PREFIX.length), ring) : value;

/** Each value of `record` passed through `change` (for sealing, opening or resealing them all). */
export const mapValues = (record: Record<string, string>, change: (value: string) => string) =>
  Object.fromEntries(Object.entries(record).map(([name, value]) => [name, change(value)]));
