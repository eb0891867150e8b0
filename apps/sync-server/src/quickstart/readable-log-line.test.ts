import { describe, expect, it } from '@jest/globals';
import { readableLogLine } from './readable-log-line.js';

describe('readableLogLine', () => {
  it('turns a run line into what a person scans: connection, direction, type, status, what was done', () => {
    const line = JSON.stringify({
      level: 30,
      time: '2026-01-02T03:04:05.678Z',
      msg: 'run',
      connection: 'crm',
      direction: 'outbound',
      objectType: 'User',
      mode: 'full',
      status: 'succeeded',
      counts: { 'source.objects': 9, 'planned.create': 2, 'create.succeeded': 2, 'update.failed': 0 },
    });
    expect(readableLogLine(line)).toBe(
      '03:04:05 info  run crm outbound User (full): succeeded — create.succeeded 2\n',
    );
  });

  it('says when a run changed nothing, and why a run stopped', () => {
    const line = JSON.stringify({
      level: 40,
      time: '2026-01-02T03:04:05.678Z',
      msg: 'run',
      connection: 'crm',
      direction: 'outbound',
      objectType: 'User',
      mode: 'full',
      status: 'awaiting-approval',
      counts: { 'source.objects': 9 },
      reason: 'Too many removals.',
    });
    expect(readableLogLine(line)).toBe(
      '03:04:05 warn  run crm outbound User (full): awaiting-approval — nothing to change — Too many removals.\n',
    );
  });

  it('shows what a plan would do', () => {
    const line = JSON.stringify({
      level: 30,
      time: '2026-01-02T03:04:05Z',
      msg: 'plan',
      connection: 'crm',
      direction: 'rule-deletion',
      objectType: 'User',
      mode: 'rule-deletion',
      status: 'succeeded',
      counts: { 'source.objects': 0, 'planned.disable': 6, 'planned.skip': 1 },
    });
    expect(readableLogLine(line)).toBe(
      '03:04:05 info  plan crm rule-deletion User (rule-deletion): succeeded — disable 6\n',
    );
  });

  it('shows other lines with their fields, and passes text that is not JSON through', () => {
    expect(
      readableLogLine(
        JSON.stringify({
          level: 50,
          time: '2026-01-02T03:04:05Z',
          msg: 'connection quarantined',
          service: 'idsync',
          connection: 'crm',
        }),
      ),
    ).toBe('03:04:05 error connection quarantined connection=crm\n');
    expect(readableLogLine('plain text\n')).toBe('plain text\n');
  });
});
