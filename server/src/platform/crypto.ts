import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data at rest: AES-256-GCM envelopes `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url),
 * so a key can be rotated while old rows stay readable; keyed HMAC-SHA256 for look-ups of ID
 * numbers and phones without decrypting.
 */
export class Vault {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly currentKeyId: string,
    currentKey: Buffer,
    private readonly hashKey: string,
    oldKeys: Record<string, Buffer> = {},
  ) {
    if (currentKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes');
    if (currentKeyId.includes('.')) throw new Error('DATA_KEY_ID must not contain a dot');
    this.keys = new Map([...Object.entries(oldKeys), [currentKeyId, currentKey]]);
  }

  /** Builds a vault from settings: DATA_KEY (base64), DATA_KEY_ID, DATA_KEYS_OLD "id:base64,…", HASH_KEY. */
  static fromEnv(env: { DATA_KEY: string; DATA_KEY_ID: string; DATA_KEYS_OLD: string; HASH_KEY: string }): Vault {
    const old: Record<string, Buffer> = {};
    for (const pair of env.DATA_KEYS_OLD.split(',').filter(Boolean)) {
      const [id, key] = pair.split(':');
      if (id && key) old[id] = Buffer.from(key, 'base64');
    }
    return new Vault(env.DATA_KEY_ID, Buffer.from(env.DATA_KEY, 'base64'), env.HASH_KEY, old);
  }

  /** The id of the key new envelopes are sealed with. */
  get keyId() {
    return this.currentKeyId;
  }

  /** Encrypts a JSON-serialisable value. */
  seal(value: unknown): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return ['v1', this.currentKeyId, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
  }

  /** Decrypts an envelope made by `seal`; throws when it was tampered with or the key is unknown. */
  open<T = unknown>(envelope: string): T {
    const [version, keyId, iv, tag, body] = envelope.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || body === undefined) throw new Error('not a sealed value');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`no key ${keyId} to open this value`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  }

  /** The key id an envelope was sealed with (to find rows needing re-encryption). */
  static keyIdOf(envelope: string): string | undefined {
    return envelope.split('.')[1];
  }

  /** Keyed look-up hash; `kind` separates domains so an ID hash never equals a phone hash. */
  lookupHash(kind: 'id' | 'phone' | 'openid', value: string): string {
    return createHmac('sha256', this.hashKey).update(`${kind}:${value.trim().toUpperCase()}`).digest('base64url');
  }
}
