import { afterAll, describe, expect, it } from '@jest/globals';
import { USER_SCHEMA } from '@idsync/scim';
import { lastValueFrom, toArray } from 'rxjs';
import { startTestDirectory } from '../testing/test-directory.js';

/*
 * Disabling users in each OpenLDAP mode, against a real slapd. The throwaway slapd loads no
 * ppolicy overlay, so pwdAccountLockedTime is not in its schema: that mode is shown to fail
 * with a clear `invalid` error here, and its writes are unit-tested in disable-strategy.test.ts.
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

describe('disableMode pwd-account-locked-time', () => {
  it('fails with invalid, naming the attribute, when the server has no ppolicy schema', async () => {
    const connector = directory.connector({ disableMode: 'pwd-account-locked-time' });
    const created = await connector.create('User', newUser());
    const error = await connector.disable('User', created.remoteId).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid', remoteStatus: 17 });
    expect((error as Error).message).toMatch(/pwdAccountLockedTime/);
    expect((await connector.get('User', created.remoteId))?.resource['active']).toBe(true);
  });
});
