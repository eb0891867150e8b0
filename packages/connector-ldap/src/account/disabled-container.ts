import { ConnectorError, type ConnectorContext } from '@idsync/core';
import type { DisableSettings } from '../config.js';
import { firstRdn, isWithin, parentDn } from '../escape/distinguished-name.js';
import type { LdapClient } from '../ldap-client.js';

const isNotFound = (error: unknown) => error instanceof ConnectorError && error.code === 'not-found';

/**
 * The container of disabled users (move-to-ou). It is optional until the first user is
 * disabled: reads skip it while it does not exist, and the first write into it either creates
 * it (`createDisabledContainer`) or fails saying which DN is missing and what to do.
 */
export class DisabledContainer {
  constructor(
    private readonly client: LdapClient,
    private readonly settings: DisableSettings,
    private readonly log: ConnectorContext['log'],
  ) {}

  /**
   * Runs a write (an add or a modrdn) that puts an entry below `parent`. When the parent is in
   * the disabled container and the write fails because the container does not exist, creates
   * the container and writes again, or fails with `invalid` naming the DN and the setting.
   */
  async placing<T>(parent: string, what: string, write: () => Promise<T>): Promise<T> {
    const container = this.settings.disabledContainerDn;
    if (container === undefined || !isWithin(parent, container)) return write();
    try {
      return await write();
    } catch (error) {
      if (!isNotFound(error)) throw error;
      if (await this.exists(container, what)) throw error; // something else was missing
      if (!this.settings.createDisabledContainer) {
        throw new ConnectorError(
          'invalid',
          `${what}: the container for disabled users ${container} (config.disabledContainerDn) does not exist. ` +
            'Create it (an organizationalUnit), or set config.createDisabledContainer to true so that idsync creates it.',
          { remoteStatus: 32, cause: error },
        );
      }
      await this.create(container, what);
      return write();
    }
  }

  private async exists(dn: string, what: string): Promise<boolean> {
    return (await this.client.read(`${what}: look for ${dn}`, dn, ['1.1'])) !== undefined;
  }

  private async create(container: string, what: string): Promise<void> {
    const [ava] = firstRdn(container);
    try {
      await this.client.add(
        `${what}: create the container for disabled users ${container}`,
        container,
        new Map([
          ['objectClass', ['top', 'organizationalUnit']],
          ['ou', [ava!.value]],
        ]),
      );
      this.log('info', 'Created the container for disabled users', { dn: container });
    } catch (error) {
      if (error instanceof ConnectorError && error.code === 'conflict') return; // created meanwhile
      if (isNotFound(error)) {
        throw new ConnectorError(
          'invalid',
          `${what}: cannot create ${container} (config.disabledContainerDn) because its parent ${parentDn(container)} does not exist. ` +
            'Create the parent, or choose a container whose parent exists.',
          { remoteStatus: 32, cause: error },
        );
      }
      throw error;
    }
  }
}
