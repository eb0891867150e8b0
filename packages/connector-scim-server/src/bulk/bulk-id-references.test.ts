import { describe, expect, it } from '@jest/globals';
import { bulkIdReferences, substituteBulkIds, substitutePathBulkIds } from './bulk-id-references.js';

describe('bulkId references', () => {
  const data = {
    displayName: 'team',
    members: [{ value: 'bulkId:ada', display: 'not bulkId:here' }, { value: 'bulkId:bob' }],
    nested: { deep: ['bulkId:carol'] },
  };

  it('are found in paths and anywhere in data, and only as whole values', () => {
    expect([...bulkIdReferences('/Groups/bulkId:team', data)].sort()).toEqual([
      'ada',
      'bob',
      'carol',
      'team',
    ]);
    expect([...bulkIdReferences('/Users', { title: 'x' })]).toEqual([]);
  });

  it('are replaced by the created ids, leaving unknown references as they are', () => {
    const ids = new Map([
      ['ada', 'id-ada'],
      ['carol', 'id-carol'],
    ]);
    expect(substituteBulkIds(data, ids)).toEqual({
      displayName: 'team',
      members: [{ value: 'id-ada', display: 'not bulkId:here' }, { value: 'bulkId:bob' }],
      nested: { deep: ['id-carol'] },
    });
    expect(substitutePathBulkIds('/Groups/bulkId:ada', ids)).toBe('/Groups/id-ada');
    expect(data.members[0]!.value).toBe('bulkId:ada');
  });
});
