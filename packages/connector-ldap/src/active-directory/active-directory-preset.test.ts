import { describe, expect, it } from '@jest/globals';
import { USER_SCHEMA } from '@idsync/scim';
import { BerWriter, type Filter } from 'ldapts';
import { createDisableStrategy } from '../account/disable-strategy.js';
import { EntryLocator } from '../directory/entry-locator.js';
import { LdapEntry } from '../directory/ldap-entry.js';
import { fromCanonical } from '../from-canonical.js';
import { toWireFilter } from '../escape/wire-filter.js';
import type { LdapClient, SearchRequest } from '../ldap-client.js';
import { BatchLookup } from '../lookup/batch-lookup.js';
import { MemberValues } from '../membership/member-values.js';
import { unitConfig } from '../testing/unit-config.js';
import { guidTextToBytes } from './object-guid.js';
import { encodeUnicodePwd } from './unicode-pwd.js';

/*
 * The Active Directory preset without an AD server (none can run in this repository's tests):
 * identity from objectGUID bytes, look-ups by escaped objectGUID, the ranged member loop, and
 * what a user turns into. The
 * member loop runs against a scripted stand-in for the client that answers as AD documents
 * ([MS-ADTS] 3.1.1.3.1.3.3): 1,500 values per range, the last range ending in "*".
 */
const config = unitConfig({
  preset: 'active-directory',
  baseDn: 'DC=example,DC=org',
  userBaseDn: 'CN=Users,DC=example,DC=org',
  groupBaseDn: 'OU=Groups,DC=example,DC=org',
});

describe('the Active Directory preset', () => {
  it('identifies entries by objectGUID, written as a GUID string', () => {
    const locator = new EntryLocator({} as LdapClient, config, createDisableStrategy(config.disable));
    const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301';
    const entry = new LdapEntry('CN=ada,CN=Users,DC=example,DC=org', {
      objectGUID: guidTextToBytes(guid),
      sAMAccountName: 'ada',
      userAccountControl: '514',
    });
    expect(locator.idOf(entry)).toBe(guid);
    expect(locator.binaryAttributes).toEqual(['objectGUID']);
    expect(locator.canonical(entry, config.users)?.resource).toMatchObject({
      id: guid,
      userName: 'ada',
      active: false,
    });
    expect(locator.attributesFor(config.users)).toEqual(
      expect.arrayContaining([
        'objectGUID',
        'whenChanged',
        'uSNChanged',
        'userAccountControl',
        'sAMAccountName',
      ]),
    );
  });

  it('reads a large group’s members range by range', async () => {
    const members = Array.from({ length: 3200 }, (_, index) => `CN=u${index},CN=Users,DC=example,DC=org`);
    const requests: string[] = [];
    const client = {
      async read(_what: string, dn: string, attributes: readonly string[]) {
        const [requested] = attributes as [string];
        requests.push(requested);
        const start = requested === 'member' ? 0 : Number(/range=(\d+)-/.exec(requested)![1]);
        const end = Math.min(start + 1499, members.length - 1);
        const last = end === members.length - 1;
        return new LdapEntry(dn, {
          member: [],
          [`member;range=${start}-${last ? '*' : end}`]: members.slice(start, end + 1),
        });
      },
    } as unknown as LdapClient;
    const values = new MemberValues(client, config, {} as EntryLocator);
    const group = new LdapEntry('CN=big,OU=Groups,DC=example,DC=org', {});
    expect(await values.allValuesOf(group)).toEqual(members);
    expect(requests).toEqual(['member', 'member;range=1500-*', 'member;range=3000-*']);
  });

  it('looks up many objects by objectGUID, every byte escaped (RFC 4515) and sent as raw bytes', async () => {
    const guids = ['3f2504e0-4f89-11d3-9a0c-0305e82c3301', '00112233-4455-6677-8899-aabbccddeeff'];
    const requests: SearchRequest[] = [];
    const client = {
      async search(_what: string, request: SearchRequest) {
        requests.push(request);
        return [
          new LdapEntry('CN=ada,CN=Users,DC=example,DC=org', {
            objectGUID: guidTextToBytes(guids[0]!),
            sAMAccountName: 'ada',
            userAccountControl: '512',
          }),
        ];
      },
    } as unknown as LdapClient;
    const locator = new EntryLocator(client, config, createDisableStrategy(config.disable));
    const lookup = new BatchLookup(config, locator, () => Promise.resolve([]));
    const found = await lookup.getMany('User', [...guids, 'not-a-guid']);
    expect([...found.keys()]).toEqual([guids[0]]);
    expect(found.get(guids[0]!)?.resource['userName']).toBe('ada');

    expect(requests).toHaveLength(1);
    const [request] = requests as [SearchRequest];
    expect(request.filter).toBe(
      '(&(&(objectCategory=person)(objectClass=user))(|' +
        '(objectGUID=\\e0\\04\\25\\3f\\89\\4f\\d3\\11\\9a\\0c\\03\\05\\e8\\2c\\33\\01)' +
        '(objectGUID=\\33\\22\\11\\00\\55\\44\\77\\66\\88\\99\\aa\\bb\\cc\\dd\\ee\\ff)))',
    );
    expect(request.binaryAttributes).toEqual(['objectGUID']);
    // On the wire each escape is one byte, not the UTF-8 form of a character.
    const wire = toWireFilter(request.filter!, request.binaryAttributes);
    const writer = new BerWriter();
    (wire as Filter).write(writer);
    const encoded = writer.buffer;
    for (const guid of guids) expect(encoded.includes(guidTextToBytes(guid))).toBe(true);
    expect(encoded.includes(Buffer.from('\u00e0\u0004', 'utf8'))).toBe(false);
  });

  it('writes new users with sAMAccountName, a CN RDN and unicodePwd', () => {
    const desired = fromCanonical(
      'User',
      { schemas: [USER_SCHEMA], userName: 'ada', password: 'Secret!1' },
      config.users,
      config.registry,
      'create',
    );
    expect(desired.attributes.get('samaccountname')?.values).toEqual(['ada']);
    expect(config.users.template.render({ schemas: [USER_SCHEMA], userName: 'ada' })).toBe(
      'CN=ada,CN=Users,DC=example,DC=org',
    );
    expect(config.preset.passwordAttribute).toBe('unicodePwd');
    expect(encodeUnicodePwd(desired.password!).toString('utf16le')).toBe('"Secret!1"');
  });
});
