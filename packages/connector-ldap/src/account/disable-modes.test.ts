import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { USER_SCHEMA } from '@idsync/scim';
import { Client, InvalidCredentialsError } from 'ldapts';
import { lastValueFrom, toArray } from 'rxjs';
import { startTestDirectory, type TestDirectory } from '../testing/test-directory.js';

/*
 * Disabling users in each OpenLDAP mode, against a real slapd. pwdAccountLockedTime is tested
 * twice: against a slapd without the ppolicy overlay (the attribute is not in its schema, and
 * the mode fails with a clear `invalid` error) and against one that loads it, where a locked
 * account really cannot bind.
 */
const directory = await startTestDirectory({
  seed: 'dn: ou=disabled,dc=example,dc=org\nobjectClass: organizationalUnit\nou: disabled\n',
});
afterAll(() => directory.stop());

let counter = 0;
const newUser = (active?: boolean) => ({
  schemas: [USER_SCHEMA],
  userName: `d${counter++}`,
  displayName: 'Someone',
  ...(active === undefined ? {} : { active }),
});

async function stored(remoteId: string, attribute: string): Promise<{ dn: string; values: string[] }> {
  const { searchEntries } = await directory.admin.search(directory.ldap.baseDN, {
    filter: `(entryUUID=${remoteId})`,
    attributes: [attribute],
  });
  const entry = searchEntries[0]!;
  return { dn: entry.dn, values: [entry[attribute] ?? []].flat().map(String) };
}

describe('disableMode status-attribute', () => {
  it('sets the attribute to disabledValue, and enabling removes it', async () => {
    const connector = directory.connector(); // shadowExpire = 1 means disabled
    const created = await connector.create('User', newUser());
    await connector.disable('User', created.remoteId);
    expect((await stored(created.remoteId, 'shadowExpire')).values).toEqual(['1']);
    expect((await connector.get('User', created.remoteId))?.resource['active']).toBe(false);
    await connector.patch('User', created.remoteId, [{ op: 'replace', path: 'active', value: true }]);
    expect((await stored(created.remoteId, 'shadowExpire')).values).toEqual([]);
    expect((await connector.get('User', created.remoteId))?.resource['active']).toBe(true);
  });

  it('writes enabledValue when one is configured, and creates disabled users disabled', async () => {
    const connector = directory.connector({
      statusAttribute: 'description',
      disabledValue: 'disabled',
      enabledValue: 'enabled',
    });
    const created = await connector.create('User', newUser(false));
    expect((await stored(created.remoteId, 'description')).values).toEqual(['disabled']);
    await connector.replace('User', created.remoteId, {
      ...newUser(true),
      userName: (await connector.get('User', created.remoteId))!.resource['userName'] as string,
    });
    expect((await stored(created.remoteId, 'description')).values).toEqual(['enabled']);
  });
});

describe('disableMode move-to-ou', () => {
  const settings = { disableMode: 'move-to-ou', disabledContainerDn: 'ou=disabled,dc=example,dc=org' };

  it('moves a disabled user to the container, keeps its id, and still reads it', async () => {
    const connector = directory.connector(settings);
    const created = await connector.create('User', newUser());
    await connector.disable('User', created.remoteId);
    const { dn } = await stored(created.remoteId, 'uid');
    expect(dn).toMatch(/,ou=disabled,dc=example,dc=org$/);
    expect((await connector.get('User', created.remoteId))?.resource['active']).toBe(false);
    const everyone = (await lastValueFrom(connector.read('User').pipe(toArray()))).flat();
    expect(everyone.find((object) => object.remoteId === created.remoteId)?.resource['active']).toBe(false);
  });

  it('keeps a disabled user there on other updates and moves it back when enabled', async () => {
    const connector = directory.connector(settings);
    const created = await connector.create('User', newUser(false));
    expect((await stored(created.remoteId, 'uid')).dn).toMatch(/,ou=disabled,/);
    await connector.patch('User', created.remoteId, [
      { op: 'replace', path: 'displayName', value: 'Still away' },
    ]);
    expect((await stored(created.remoteId, 'uid')).dn).toMatch(/,ou=disabled,/);
    await connector.patch('User', created.remoteId, [{ op: 'replace', path: 'active', value: true }]);
    expect((await stored(created.remoteId, 'uid')).dn).toMatch(/,ou=people,dc=example,dc=org$/);
    expect((await connector.get('User', created.remoteId))?.resource).toMatchObject({
      active: true,
      displayName: 'Still away',
    });
  });
});

describe('disableMode move-to-ou with a container that does not exist yet', () => {
  const missing = (ou: string) => ({
    disableMode: 'move-to-ou',
    disabledContainerDn: `ou=${ou},dc=example,dc=org`,
  });

  it('reads, finds and gets users as usual: the missing container holds nothing', async () => {
    const connector = directory.connector(missing('not-there'));
    const created = await connector.create('User', newUser());
    const everyone = (await lastValueFrom(connector.read('User').pipe(toArray()))).flat();
    expect(everyone.map((object) => object.remoteId)).toContain(created.remoteId);
    const userName = created.resource['userName'] as string;
    const found = await connector.find('User', {
      kind: 'comparison',
      path: { attribute: 'userName' },
      operator: 'eq',
      value: userName,
    });
    expect(found.map((object) => object.remoteId)).toEqual([created.remoteId]);
    expect((await connector.get('User', created.remoteId))?.resource['active']).toBe(true);
  });

  it("still fails a read when the type's own base is missing: that is no empty directory", async () => {
    const connector = directory.connector({ userBaseDn: 'ou=nobody-here,dc=example,dc=org' });
    await expect(lastValueFrom(connector.read('User').pipe(toArray()))).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('fails to disable with invalid, naming the missing DN and the setting, and leaves the user as it was', async () => {
    const connector = directory.connector(missing('not-there'));
    const created = await connector.create('User', newUser());
    const error = await connector.disable('User', created.remoteId).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid' });
    expect((error as Error).message).toContain('ou=not-there,dc=example,dc=org');
    expect((error as Error).message).toMatch(/createDisabledContainer/);
    expect((await stored(created.remoteId, 'uid')).dn).toMatch(/,ou=people,dc=example,dc=org$/);
    const check = await connector.testConnection();
    expect(check.checks.find((item) => item.name === 'base-dn')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('ou=not-there,dc=example,dc=org'),
    });
  });

  it('creates the container on the first disable when createDisabledContainer is set', async () => {
    const connector = directory.connector({ ...missing('retired'), createDisabledContainer: true });
    expect((await connector.testConnection()).ok).toBe(true);
    const created = await connector.create('User', newUser());
    await connector.disable('User', created.remoteId);
    expect((await stored(created.remoteId, 'uid')).dn).toMatch(/,ou=retired,dc=example,dc=org$/);
    const { searchEntries } = await directory.admin.search('ou=retired,dc=example,dc=org', {
      scope: 'base',
      attributes: ['objectClass'],
    });
    expect([searchEntries[0]?.['objectClass']].flat()).toContain('organizationalUnit');
    const everyone = (await lastValueFrom(connector.read('User').pipe(toArray()))).flat();
    expect(everyone.find((object) => object.remoteId === created.remoteId)?.resource['active']).toBe(false);
  });

  it('creates the container for a user created disabled', async () => {
    const connector = directory.connector({ ...missing('retired-at-birth'), createDisabledContainer: true });
    const created = await connector.create('User', newUser(false));
    expect((await stored(created.remoteId, 'uid')).dn).toMatch(/,ou=retired-at-birth,dc=example,dc=org$/);
    expect(created.resource['active']).toBe(false);
  });
});

describe('disableMode pwd-account-locked-time', () => {
  it('fails with invalid, naming the attribute, when the server has no ppolicy overlay', async () => {
    const connector = directory.connector({ disableMode: 'pwd-account-locked-time' });
    const created = await connector.create('User', newUser());
    const error = await connector.disable('User', created.remoteId).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid', remoteStatus: 17 });
    expect((error as Error).message).toMatch(/pwdAccountLockedTime/);
    expect((await connector.get('User', created.remoteId))?.resource['active']).toBe(true);
  });

  describe('with the ppolicy overlay loaded', () => {
    let withPolicy: TestDirectory;
    beforeAll(async () => {
      withPolicy = await startTestDirectory({ passwordPolicy: true });
    }, 180_000);
    afterAll(() => withPolicy?.stop());

    /** Whether the user can sign in: a real simple bind, as an application would do it. */
    async function canBind(dn: string, password: string): Promise<boolean> {
      const client = new Client({ url: withPolicy.ldap.url });
      try {
        await client.bind(dn, password);
        return true;
      } catch (error) {
        if (error instanceof InvalidCredentialsError) return false;
        throw error;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    }

    async function lockTime(remoteId: string): Promise<{ dn: string; values: string[] }> {
      const { searchEntries } = await withPolicy.admin.search(withPolicy.ldap.baseDN, {
        filter: `(entryUUID=${remoteId})`,
        attributes: ['pwdAccountLockedTime'],
      });
      const entry = searchEntries[0]!;
      return { dn: entry.dn, values: [entry['pwdAccountLockedTime'] ?? []].flat().map(String) };
    }

    it('disable locks the account permanently, so its bind fails; enable unlocks it and the bind works', async () => {
      const connector = withPolicy.connector({ disableMode: 'pwd-account-locked-time' });
      const created = await connector.create('User', { ...newUser(), password: 'Correct-Horse-1' });
      const { dn } = await lockTime(created.remoteId);
      expect(await canBind(dn, 'Correct-Horse-1')).toBe(true);

      await connector.disable('User', created.remoteId);
      expect((await lockTime(created.remoteId)).values).toEqual(['000001010000Z']);
      expect(await canBind(dn, 'Correct-Horse-1')).toBe(false);
      expect((await connector.get('User', created.remoteId))?.resource['active']).toBe(false);
      // Disabling again changes nothing and still succeeds.
      await connector.disable('User', created.remoteId);

      await connector.patch('User', created.remoteId, [{ op: 'replace', path: 'active', value: true }]);
      expect((await lockTime(created.remoteId)).values).toEqual([]);
      expect(await canBind(dn, 'Correct-Horse-1')).toBe(true);
      expect((await connector.get('User', created.remoteId))?.resource['active']).toBe(true);
    });

    it('creates a user given active: false locked, and full reads report it inactive', async () => {
      const connector = withPolicy.connector({ disableMode: 'pwd-account-locked-time' });
      const created = await connector.create('User', { ...newUser(false), password: 'Correct-Horse-2' });
      const { dn, values } = await lockTime(created.remoteId);
      expect(values).toEqual(['000001010000Z']);
      expect(await canBind(dn, 'Correct-Horse-2')).toBe(false);
      const everyone = (await lastValueFrom(connector.read('User').pipe(toArray()))).flat();
      expect(everyone.find((object) => object.remoteId === created.remoteId)?.resource['active']).toBe(false);
    });
  });
});
