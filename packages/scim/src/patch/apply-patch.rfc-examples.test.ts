import { describe, expect, it } from '@jest/globals';
import { applyPatch } from './apply-patch.js';
import { normalisePatchRequest } from './normalise-patch-request.js';
import { deepFreeze, sampleGroup, sampleUser } from './test-fixtures/sample-resources.js';
import { groupContext, userContext } from './test-fixtures/test-registry.js';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BABS = '2819c223-7f76-453a-919d-413861904646';
const MANDY = '902c246b-6245-4190-8e05-00816be7344a';

/** Runs a request body through normalisation and apply, as a server would. */
function patch(resource: Record<string, unknown>, operations: unknown[], context = groupContext) {
  return applyPatch(
    deepFreeze(resource),
    normalisePatchRequest({ schemas: [PATCH_OP], Operations: operations }),
    context,
  );
}

function memberIds(resource: Record<string, unknown>): string[] {
  return ((resource.members as { value: string }[] | undefined) ?? []).map((m) => m.value);
}

describe('RFC 7644 §3.5.2.1 add examples', () => {
  it('adds a member to a group', () => {
    const group = { ...sampleGroup(), members: [(sampleGroup().members as object[])[1]] };
    const { resource, changed } = patch(group, [
      {
        op: 'add',
        path: 'members',
        value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS }],
      },
    ]);
    expect(changed).toBe(true);
    expect(memberIds(resource)).toEqual([MANDY, BABS]);
    expect((resource.members as object[])[1]).toEqual({
      display: 'Babs Jensen',
      $ref: `https://example.com/v2/Users/${BABS}`,
      value: BABS,
    });
  });

  it('makes no change when the member is already there ("no changes SHOULD be made")', () => {
    const { resource, changed } = patch(sampleGroup(), [
      {
        op: 'add',
        path: 'members',
        value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${BABS}`, value: BABS }],
      },
    ]);
    expect(changed).toBe(false);
    expect(memberIds(resource)).toEqual([BABS, MANDY]);
  });

  it('adds without a path: appends to emails and sets nickname (spelled as in the RFC)', () => {
    const user = sampleUser();
    delete user.nickName;
    const { resource } = patch(
      user,
      [
        {
          op: 'add',
          value: {
            emails: [
              { value: 'babs@jensen.org', type: 'home' },
              { value: 'b@example.org', type: 'other' },
            ],
            nickname: 'Babs',
          },
        },
      ],
      userContext,
    );
    expect(resource.nickName).toBe('Babs');
    expect(resource).not.toHaveProperty('nickname');
    // babs@jensen.org/home is already there, so only the new address is appended.
    expect(resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
      { value: 'b@example.org', type: 'other' },
    ]);
  });

  it('replaces an existing single-valued attribute on add without path', () => {
    const { resource } = patch(sampleUser(), [{ op: 'add', value: { nickName: 'Barbie' } }], userContext);
    expect(resource.nickName).toBe('Barbie');
  });
});

describe('RFC 7644 §3.5.2.2 remove examples', () => {
  it('removes a single member', () => {
    const { resource } = patch(sampleGroup(), [{ op: 'remove', path: `members[value eq "${BABS}"]` }]);
    expect(memberIds(resource)).toEqual([MANDY]);
  });

  it('removes all members', () => {
    const { resource, changed } = patch(sampleGroup(), [{ op: 'remove', path: 'members' }]);
    expect(changed).toBe(true);
    expect(resource).not.toHaveProperty('members');
  });

  it('removes the values a compound filter on sub-attributes selects', () => {
    const { resource } = patch(
      sampleUser(),
      [{ op: 'remove', path: 'emails[type eq "work" and value ew "example.com"]' }],
      userContext,
    );
    expect(resource.emails).toEqual([{ value: 'babs@jensen.org', type: 'home' }]);
  });

  it('removes all members and adds new ones in one request', () => {
    const { resource } = patch(sampleGroup(), [
      { op: 'remove', path: 'members' },
      {
        op: 'add',
        path: 'members',
        value: [
          {
            display: 'James Smith',
            $ref: 'https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210',
            value: '08e1d05d-121c-4561-8b96-473d93df9210',
          },
          { display: 'Ed Green', value: '9a2d7b3f-2d57-4e0b-9d7e-5f3a1c0e4b21' },
        ],
      },
    ]);
    expect(memberIds(resource)).toEqual([
      '08e1d05d-121c-4561-8b96-473d93df9210',
      '9a2d7b3f-2d57-4e0b-9d7e-5f3a1c0e4b21',
    ]);
  });

  it('removes an extension attribute by its URN-qualified path', () => {
    const { resource } = patch(
      sampleUser(),
      [{ op: 'remove', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' }],
      userContext,
    );
    expect(resource['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({
      employeeNumber: '701984',
      costCenter: '4130',
      department: 'Tour Operations',
    });
  });
});

describe('RFC 7644 §3.5.2.3 replace examples', () => {
  it('replaces all members', () => {
    const { resource } = patch(sampleGroup(), [
      {
        op: 'replace',
        path: 'members',
        value: [
          { display: 'James Smith', value: '08e1d05d-121c-4561-8b96-473d93df9210' },
          { display: 'Ed Green', value: '9a2d7b3f-2d57-4e0b-9d7e-5f3a1c0e4b21' },
        ],
      },
    ]);
    expect(memberIds(resource)).toEqual([
      '08e1d05d-121c-4561-8b96-473d93df9210',
      '9a2d7b3f-2d57-4e0b-9d7e-5f3a1c0e4b21',
    ]);
  });

  it('replaces the work address selected by a value filter', () => {
    const work = {
      type: 'work',
      streetAddress: '911 Universal City Plaza',
      locality: 'Hollywood',
      region: 'CA',
      postalCode: '91608',
      country: 'US',
      formatted: '911 Universal City Plaza\nHollywood, CA 91608 US',
      primary: true,
    };
    const { resource } = patch(
      sampleUser(),
      [{ op: 'replace', path: 'addresses[type eq "work"]', value: work }],
      userContext,
    );
    const addresses = resource.addresses as Record<string, unknown>[];
    expect(addresses[0]).toEqual(work);
    expect(addresses[1]!.streetAddress).toBe('456 Hollywood Blvd');
  });

  it('replaces one sub-attribute of the matching values', () => {
    const { resource } = patch(
      sampleUser(),
      [{ op: 'replace', path: 'addresses[type eq "work"].streetAddress', value: '1010 Broadway Ave' }],
      userContext,
    );
    const addresses = resource.addresses as Record<string, unknown>[];
    expect(addresses[0]).toEqual({
      ...(sampleUser().addresses as object[])[0],
      streetAddress: '1010 Broadway Ave',
    });
    expect(addresses[1]!.streetAddress).toBe('456 Hollywood Blvd');
  });

  it('replaces several attributes without a path; multi-valued ones are replaced whole', () => {
    const emails = [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ];
    const user = { ...sampleUser(), emails: [{ value: 'old@example.com', type: 'other' }] };
    const { resource } = patch(user, [{ op: 'replace', value: { emails, nickname: 'Babs' } }], userContext);
    expect(resource.emails).toEqual(emails);
    expect(resource.nickName).toBe('Babs');
  });

  it('treats replace of an absent attribute as add', () => {
    const user = sampleUser();
    delete user.nickName;
    const { resource } = patch(user, [{ op: 'replace', path: 'nickName', value: 'Babs' }], userContext);
    expect(resource.nickName).toBe('Babs');
  });
});
