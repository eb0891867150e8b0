import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IdsyncStore } from '../open-store.js';
import { DIALECTS, testStores } from '../testing/store-test-targets.js';
import { KyselySecretStore } from './kysely-secret-store.js';
import { parseSecretKey, SecretKeyFile, secretKeyId } from './secret-key.js';
import { SecretKeyError } from './secret-key-error.js';

describe.each(DIALECTS)('secret store on %s', (dialect) => {
  const stores = testStores(dialect);
  let store: IdsyncStore;
  const key = randomBytes(32);
  let secrets: KyselySecretStore;

  const rowsOf = (connectionId: string) =>
    store.database
      .selectFrom('secrets')
      .selectAll()
      .where('connection_id', '=', connectionId)
      .orderBy('name')
      .execute();

  beforeAll(async () => {
    store = await stores.open({ secretKey: key.toString('base64') });
    secrets = new KyselySecretStore(store.database, { kind: 'given', key: parseSecretKey(key, 'test key') });
  });
  afterAll(() => stores.cleanup());

  it('round-trips secrets through the store opened with the key', async () => {
    await store.secrets.put('ldap', 'bindPassword', 'correct horse battery staple');
    await store.secrets.put('ldap', 'unicode', 'pässwörd 🔑');
    expect(await store.secrets.get('ldap', 'bindPassword')).toBe('correct horse battery staple');
    expect(await store.secrets.get('ldap', 'unicode')).toBe('pässwörd 🔑');
    expect(await store.secrets.get('ldap', 'missing')).toBeUndefined();
    await store.secrets.put('ldap', 'bindPassword', 'rotated by the admin');
    expect(await store.secrets.get('ldap', 'bindPassword')).toBe('rotated by the admin');
  });

  it('keeps only ciphertext in the table, with a fresh 12-byte IV each time and the key id', async () => {
    const plaintext = 'super-secret-token-value';
    await secrets.put('scan', 'a', plaintext);
    await secrets.put('scan', 'b', plaintext);
    const rows = await rowsOf('scan');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const bytes = Buffer.from(row.ciphertext);
      expect(bytes.includes(Buffer.from(plaintext))).toBe(false);
      expect(bytes.length).toBe(Buffer.byteLength(plaintext));
      expect(Buffer.from(row.iv)).toHaveLength(12);
      expect(Buffer.from(row.auth_tag)).toHaveLength(16);
      expect(row.key_id).toBe(secretKeyId(key));
    }
    expect(Buffer.from(rows[0]!.iv).equals(Buffer.from(rows[1]!.iv))).toBe(false);
    expect(Buffer.from(rows[0]!.ciphertext).equals(Buffer.from(rows[1]!.ciphertext))).toBe(false);
  });

  it('refuses to decrypt with another key, naming the key id the secret needs', async () => {
    await secrets.put('wrong-key', 'token', 'abc');
    const other = new KyselySecretStore(store.database, {
      kind: 'given',
      key: parseSecretKey(randomBytes(32), 'other'),
    });
    const error = await other.get('wrong-key', 'token').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SecretKeyError);
    expect((error as Error).message).toContain(`was encrypted with key id ${secretKeyId(key)}`);
    expect((error as Error).message).toContain('set IDSYNC_SECRET_KEY to that key or rotate');
    expect((error as Error).message).not.toContain('abc');
  });

  it('detects a tampered or moved ciphertext instead of returning garbage', async () => {
    await secrets.put('tamper', 'one', 'value-one');
    await secrets.put('tamper', 'two', 'value-two');
    const [one] = await rowsOf('tamper');
    const flipped = Buffer.from(one!.ciphertext);
    flipped[0] = flipped[0]! ^ 0xff;
    await store.database
      .updateTable('secrets')
      .set({ ciphertext: flipped })
      .where('connection_id', '=', 'tamper')
      .where('name', '=', 'one')
      .execute();
    await expect(secrets.get('tamper', 'one')).rejects.toThrow('failed authentication');
    // A valid ciphertext copied onto another row does not decrypt there either.
    await store.database
      .updateTable('secrets')
      .set({ iv: one!.iv, ciphertext: one!.ciphertext, auth_tag: one!.auth_tag })
      .where('connection_id', '=', 'tamper')
      .where('name', '=', 'two')
      .execute();
    await expect(secrets.get('tamper', 'two')).rejects.toBeInstanceOf(SecretKeyError);
  });

  it('deletes one secret or all of a connection', async () => {
    await secrets.put('del', 'a', '1');
    await secrets.put('del', 'b', '2');
    await secrets.put('keep', 'a', '3');
    await secrets.delete('del', 'a');
    expect(await secrets.get('del', 'a')).toBeUndefined();
    expect(await secrets.get('del', 'b')).toBe('2');
    await secrets.delete('del');
    expect(await rowsOf('del')).toEqual([]);
    expect(await secrets.get('keep', 'a')).toBe('3');
  });

  it('rotates every secret to a new key in one transaction', async () => {
    const db = store.database;
    await db.deleteFrom('secrets').execute();
    const current = new KyselySecretStore(db, { kind: 'given', key: parseSecretKey(key, 'current') });
    for (let i = 0; i < 450; i++) await current.put(`conn-${i % 7}`, `name-${i}`, `value-${i}`);
    const newKey = randomBytes(32);
    expect(await current.rotate(newKey)).toBe(450);
    expect(await current.get('conn-3', 'name-3')).toBe('value-3');
    const ids = await db.selectFrom('secrets').select('key_id').distinct().execute();
    expect(ids.map((row) => row.key_id)).toEqual([secretKeyId(newKey)]);
    const reopened = new KyselySecretStore(db, {
      kind: 'given',
      key: parseSecretKey(newKey.toString('hex'), 'new'),
    });
    expect(await reopened.get('conn-1', 'name-449')).toBe('value-449');
    await expect(
      new KyselySecretStore(db, { kind: 'given', key: parseSecretKey(key, 'old') }).get('conn-0', 'name-0'),
    ).rejects.toThrow(secretKeyId(newKey));
  });

  it('changes nothing when a secret cannot be decrypted during rotation', async () => {
    const db = store.database;
    await db.deleteFrom('secrets').execute();
    await secrets.put('rot', 'good', 'g');
    const stranger = new KyselySecretStore(db, {
      kind: 'given',
      key: parseSecretKey(randomBytes(32), 'stranger'),
    });
    await stranger.put('rot', 'foreign', 'f');
    await expect(secrets.rotate(randomBytes(32))).rejects.toBeInstanceOf(SecretKeyError);
    expect(await secrets.get('rot', 'good')).toBe('g');
    expect(await stranger.get('rot', 'foreign')).toBe('f');
  });

  if (dialect === 'postgres') {
    it('refuses secrets with PostgreSQL when no key is configured, saying how to set one', async () => {
      const keyless = await stores.open({ secretKey: undefined });
      const error = await keyless.secrets.put('c', 'n', 'v').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecretKeyError);
      expect((error as Error).message).toContain('IDSYNC_SECRET_KEY');
    });
  }
});

describe('secret keys', () => {
  it('reads 32-byte keys as hex, base64 or bytes and refuses other lengths', () => {
    const raw = randomBytes(32);
    const id = secretKeyId(raw);
    expect(parseSecretKey(raw.toString('hex'), 'k').id).toBe(id);
    expect(parseSecretKey(raw.toString('base64'), 'k').id).toBe(id);
    expect(parseSecretKey(raw.toString('base64url'), 'k').id).toBe(id);
    expect(parseSecretKey(raw, 'k').key.equals(raw)).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'), 'IDSYNC_SECRET_KEY')).toThrow(
      'IDSYNC_SECRET_KEY must be a 32-byte key written as 64 hex digits or base64 (it decodes to 16 bytes)',
    );
  });
});

describe('the embedded key file', () => {
  const stores = testStores('pglite');
  let dir: string;
  let store: IdsyncStore;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'idsync-key-'));
    store = await stores.open();
  });
  afterAll(async () => {
    await stores.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('is generated with mode 0600 and reused', async () => {
    const first = new KyselySecretStore(store.database, { kind: 'file', file: new SecretKeyFile(dir) });
    await first.put('file', 'token', 'from-file-key');
    const info = await stat(join(dir, 'secret.key'));
    expect(info.mode & 0o777).toBe(0o600);
    const second = new KyselySecretStore(store.database, { kind: 'file', file: new SecretKeyFile(dir) });
    expect(await second.get('file', 'token')).toBe('from-file-key');
  });

  it('rotation moves the new key into the file', async () => {
    const file = new KyselySecretStore(store.database, { kind: 'file', file: new SecretKeyFile(dir) });
    await file.put('file', 'rot', 'before rotation');
    const newKey = randomBytes(32);
    await file.rotate(newKey);
    expect(parseSecretKey(await readFile(join(dir, 'secret.key'), 'utf8'), 'file').id).toBe(
      secretKeyId(newKey),
    );
    const fresh = new KyselySecretStore(store.database, { kind: 'file', file: new SecretKeyFile(dir) });
    expect(await fresh.get('file', 'rot')).toBe('before rotation');
  });

  it('finishes a rotation that committed but crashed before renaming the key file', async () => {
    const keyFile = new SecretKeyFile(dir);
    const current = await keyFile.loadOrCreate();
    await store.database.deleteFrom('secrets').execute();
    const writer = new KyselySecretStore(store.database, { kind: 'given', key: current });
    await writer.put('crash', 'a', 'survives');
    const next = randomBytes(32);
    await keyFile.prepareRotation(parseSecretKey(next, 'next'));
    await writer.rotate(next); // the rows now need `next`; secret.key still holds the old key
    const recovered = new KyselySecretStore(store.database, { kind: 'file', file: new SecretKeyFile(dir) });
    expect(await recovered.get('crash', 'a')).toBe('survives');
    expect(parseSecretKey(await readFile(join(dir, 'secret.key'), 'utf8'), 'file').id).toBe(
      secretKeyId(next),
    );
    await expect(stat(join(dir, 'secret.key.next'))).rejects.toThrow();
  });

  it('drops the key of a rotation that never committed', async () => {
    const keyFile = new SecretKeyFile(dir);
    const current = await keyFile.loadOrCreate();
    await writeFile(join(dir, 'secret.key.next'), randomBytes(32).toString('base64'));
    const store2 = new KyselySecretStore(store.database, { kind: 'file', file: new SecretKeyFile(dir) });
    expect(await store2.get('crash', 'a')).toBe('survives');
    expect(await store2.keyId()).toBe(current.id);
    await expect(stat(join(dir, 'secret.key.next'))).rejects.toThrow();
  });
});
