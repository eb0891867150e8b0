import type { SecretStore } from '@idsync/core';
import type { Kysely } from 'kysely';
import type { StoreDatabase } from '../database/database-schema.js';
import { decryptSecret, encryptSecret, type EncryptedSecret } from './secret-cipher.js';
import {
  generateSecretKey,
  parseSecretKey,
  secretKeyId,
  SECRET_KEY_ENV,
  type SecretKey,
  type SecretKeyFile,
} from './secret-key.js';
import { SecretKeyError } from './secret-key-error.js';

/** Where the store's key comes from; resolved at the first use of a secret. */
export type SecretKeySource =
  /** IDSYNC_SECRET_KEY or the `secretKey` option. */
  | { readonly kind: 'given'; readonly key: SecretKey }
  /** Embedded mode without a configured key: `<dataDir>/secret.key`, generated when missing. */
  | { readonly kind: 'file'; readonly file: SecretKeyFile }
  /** In-memory PGlite: the data dies with the process, and so may its key. */
  | { readonly kind: 'ephemeral' }
  /** PostgreSQL without a key: refused at first use, never made up. */
  | { readonly kind: 'missing' };

const ROTATION_PAGE = 200;

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Connection secrets encrypted at rest with AES-256-GCM; see secret-cipher.ts. */
export class KyselySecretStore implements SecretStore {
  #key: Promise<SecretKey> | undefined;

  constructor(
    private readonly db: Kysely<StoreDatabase>,
    private readonly source: SecretKeySource,
  ) {}

  async put(connectionId: string, name: string, plaintext: string): Promise<void> {
    const encrypted = encryptSecret(await this.currentKey(), connectionId, name, plaintext);
    const row = { connection_id: connectionId, name, ...this.columns(encrypted), updated_at: new Date() };
    await this.db
      .insertInto('secrets')
      .values(row)
      .onConflict((conflict) =>
        conflict.columns(['connection_id', 'name']).doUpdateSet({
          iv: row.iv,
          ciphertext: row.ciphertext,
          auth_tag: row.auth_tag,
          key_id: row.key_id,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  }

  async get(connectionId: string, name: string): Promise<string | undefined> {
    const key = await this.currentKey();
    const row = await this.db
      .selectFrom('secrets')
      .select(['iv', 'ciphertext', 'auth_tag', 'key_id'])
      .where('connection_id', '=', connectionId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? decryptSecret(key, connectionId, name, this.encrypted(row)) : undefined;
  }

  async delete(connectionId: string, name?: string): Promise<void> {
    let query = this.db.deleteFrom('secrets').where('connection_id', '=', connectionId);
    if (name !== undefined) query = query.where('name', '=', name);
    await query.execute();
  }

  /**
   * Re-encrypts every secret with `newKey` in one transaction, page by page (bounded memory),
   * then uses the new key. A secret that does not decrypt with the current key stops the
   * rotation and nothing changes. With a key file, the new key is written next to it first and
   * moved over it after the commit, so a crash cannot lose the key the rows need.
   */
  async rotate(newKey: Buffer): Promise<number> {
    const next = parseSecretKey(newKey, 'The new secret key');
    const current = await this.currentKey();
    const file = this.source.kind === 'file' ? this.source.file : undefined;
    await file?.prepareRotation(next);
    let rotated = 0;
    try {
      rotated = await this.db.transaction().execute(async (trx) => {
        let count = 0;
        let after: { connection_id: string; name: string } | undefined;
        for (;;) {
          let page = trx
            .selectFrom('secrets')
            .select(['connection_id', 'name', 'iv', 'ciphertext', 'auth_tag', 'key_id'])
            .orderBy('connection_id')
            .orderBy('name')
            .limit(ROTATION_PAGE)
            .forUpdate();
          if (after) {
            const { connection_id, name } = after;
            page = page.where((eb) =>
              eb(eb.refTuple('connection_id', 'name'), '>', eb.tuple(connection_id, name)),
            );
          }
          const rows = await page.execute();
          for (const row of rows) {
            const plaintext = decryptSecret(current, row.connection_id, row.name, this.encrypted(row));
            const encrypted = encryptSecret(next, row.connection_id, row.name, plaintext);
            await trx
              .updateTable('secrets')
              .set({ ...this.columns(encrypted), updated_at: new Date() })
              .where('connection_id', '=', row.connection_id)
              .where('name', '=', row.name)
              .execute();
            count++;
          }
          const last = rows.at(-1);
          if (!last || rows.length < ROTATION_PAGE) return count;
          after = { connection_id: last.connection_id, name: last.name };
        }
      });
    } catch (error) {
      await file?.abandonRotation();
      throw error;
    }
    await file?.completeRotation();
    this.#key = Promise.resolve(next);
    return rotated;
  }

  /** The id of the key in use, for status output (never the key itself). */
  async keyId(): Promise<string> {
    return (await this.currentKey()).id;
  }

  private currentKey(): Promise<SecretKey> {
    if (!this.#key) {
      const resolving = this.resolveKey();
      this.#key = resolving;
      // A failed resolution is retried on the next use (the operator may fix the key).
      resolving.catch(() => {
        if (this.#key === resolving) this.#key = undefined;
      });
    }
    return this.#key;
  }

  private async resolveKey(): Promise<SecretKey> {
    switch (this.source.kind) {
      case 'given':
        return this.source.key;
      case 'ephemeral': {
        const key = generateSecretKey();
        return { key, id: secretKeyId(key) };
      }
      case 'missing':
        throw new SecretKeyError(
          `No secret key is configured: set ${SECRET_KEY_ENV} to 32 random bytes in base64 or hex (or pass secretKey) ` +
            'before storing or reading connection secrets in PostgreSQL.',
        );
      case 'file':
        return this.settleKeyFile(this.source.file);
    }
  }

  /** Finishes or abandons a rotation a crash interrupted, going by which key the rows name. */
  private async settleKeyFile(file: SecretKeyFile): Promise<SecretKey> {
    const pending = await file.pending();
    if (pending) {
      const used = await this.db
        .selectFrom('secrets')
        .select('key_id')
        .where('key_id', '=', pending.id)
        .limit(1)
        .executeTakeFirst();
      if (used) {
        await file.completeRotation();
        return pending;
      }
      await file.abandonRotation();
    }
    return file.loadOrCreate();
  }

  private columns(secret: EncryptedSecret) {
    return { iv: secret.iv, ciphertext: secret.ciphertext, auth_tag: secret.authTag, key_id: secret.keyId };
  }

  private encrypted(row: {
    iv: Uint8Array;
    ciphertext: Uint8Array;
    auth_tag: Uint8Array;
    key_id: string;
  }): EncryptedSecret {
    return {
      iv: toBuffer(row.iv),
      ciphertext: toBuffer(row.ciphertext),
      authTag: toBuffer(row.auth_tag),
      keyId: row.key_id,
    };
  }
}
