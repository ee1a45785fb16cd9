/**
 * Values `dittofs render` generates when its input has none: the same alphabets as the component's RandomPassword
 * resources, from the operating system's CSPRNG. Render has no state to keep them in, so it reuses a value found in
 * its input (the owned Secret of an earlier render, fed back with -f) before it generates one.
 */
import { randomInt } from "crypto";
import type { GeneratedValue, SecretMaterial, SecretValues } from "./types";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** RandomPassword's default special characters, used when `overrideSpecial` is not given. */
const DEFAULT_SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

/** Crypto-random characters from `alphabet` (unbiased: randomInt rejects out-of-range draws). */
export function randomString(length: number, alphabet: string): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function generateValue(g: GeneratedValue): string {
  const { length, special, overrideSpecial } = g.password;
  return randomString(
    length,
    special ? ALPHANUMERIC + (overrideSpecial ?? DEFAULT_SPECIAL) : ALPHANUMERIC,
  );
}

export interface Generated {
  values: SecretValues;
  /** The values made now (not found in the input), for the one-line notice on stderr. */
  made: GeneratedValue[];
}

/** Each value to generate: the input's (an earlier render's owned Secret) when present, else a new one. */
export function reuseOrGenerate(
  wanted: GeneratedValue[],
  read: SecretMaterial["read"],
  fixed: Partial<SecretValues> = {},
): Generated {
  const values: SecretValues = {};
  const made: GeneratedValue[] = [];
  for (const g of wanted) {
    const found = read[g.stored.secret]?.[g.stored.key];
    if (fixed[g.value] !== undefined) values[g.value] = fixed[g.value];
    else if (found !== undefined) values[g.value] = Buffer.from(found, "base64").toString("utf8");
    else {
      values[g.value] = generateValue(g);
      made.push(g);
    }
  }
  return { values, made };
}
