import { describe, expect, it } from '@jest/globals';
import { USER_SCHEMA, type ScimResource } from '@idsync/scim';
import type { MappingResult } from '../mapping/apply-mappings.js';
import { mergeMappedObjects } from './merge-mapped-objects.js';

const result = (resource: Omit<ScimResource, 'schemas'>): MappingResult => ({
  resource: { schemas: [USER_SCHEMA], ...resource },
  provenance: new Map(),
});

describe('mergeMappedObjects', () => {
  it('lets the first rule win per attribute and per sub-attribute', () => {
    const merged = mergeMappedObjects([
      result({ title: 'Engineer', name: { givenName: 'Ada' } }),
      result({ title: 'Intern', name: { givenName: 'Augusta', familyName: 'Lovelace' } }),
    ]);
    expect(merged.resource).toEqual({
      schemas: [USER_SCHEMA],
      title: 'Engineer',
      name: { givenName: 'Ada', familyName: 'Lovelace' },
    });
  });

  it('keeps the typed elements of every rule, the first rule winning per type and sub-attribute', () => {
    const merged = mergeMappedObjects([
      result({ emails: [{ type: 'work', value: 'ada@example.com' }] }),
      result({
        emails: [
          { type: 'Work', value: 'other@example.com', primary: true },
          { type: 'home', value: 'ada@home.example' },
        ],
      }),
    ]);
    expect(merged.resource.emails).toEqual([
      { type: 'work', value: 'ada@example.com', primary: true },
      { type: 'home', value: 'ada@home.example' },
    ]);
  });
});
