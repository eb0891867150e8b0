import { describe, expect, it } from '@jest/globals';

import { spawnCommandRunner } from '../install/command-runner.js';
import { ensureSlapdInstalled } from '../install/ensure-slapd-installed.js';
import { parseSlapdVersion, ppolicySchemaIsSeparate, readSlapdVersion } from './slapd-version.js';

describe('the slapd version', () => {
  it('is read from the banner of slapd -VV', () => {
    expect(
      parseSlapdVersion(
        '@(#) $OpenLDAP: slapd 2.5.13+dfsg-5 (Feb  8 2023 01:56:12) $\n\tDebian OpenLDAP Maintainers',
      ),
    ).toEqual({ major: 2, minor: 5 });
    expect(parseSlapdVersion('@(#) $OpenLDAP: slapd 2.4.57+dfsg-3 (Jan 1 2021) $')).toEqual({
      major: 2,
      minor: 4,
    });
    expect(parseSlapdVersion('slapd: unknown option')).toBeUndefined();
  });

  it('decides whether the ppolicy schema is a separate file (up to 2.4) or built in (2.5 on)', () => {
    expect(ppolicySchemaIsSeparate({ major: 2, minor: 4 })).toBe(true);
    expect(ppolicySchemaIsSeparate({ major: 2, minor: 5 })).toBe(false);
    expect(ppolicySchemaIsSeparate({ major: 2, minor: 6 })).toBe(false);
    expect(ppolicySchemaIsSeparate({ major: 3, minor: 0 })).toBe(false);
  });

  it('comes from the installed slapd', async () => {
    const { slapd } = await ensureSlapdInstalled();
    const version = await readSlapdVersion(spawnCommandRunner, slapd);
    expect(version.major).toBe(2);
    expect(version.minor).toBeGreaterThanOrEqual(4);
  }, 180_000); // installs slapd on a fresh machine
});
