import { ConnectorError, type ConnectorContext, type ObjectType, type RemoteObject } from '@idsync/core';
import type { ScimResource } from '@idsync/scim';
import type { DisableStrategy } from '../account/disable-strategy.js';
import { DisabledContainer } from '../account/disabled-container.js';
import { encodeUnicodePwd } from '../active-directory/unicode-pwd.js';
import type { LdapConfig } from '../config.js';
import type { EntryLocator } from '../directory/entry-locator.js';
import type { LdapEntry } from '../directory/ldap-entry.js';
import { firstRdn, formatDn, formatRdn, parentDn, parseDn } from '../escape/distinguished-name.js';
import { allOf, equalTo } from '../escape/ldap-filter.js';
import { fromCanonical, type DesiredEntry } from '../from-canonical.js';
import { MissingTemplateValueError } from '../layout/naming-template.js';
import type { ObjectLayout } from '../layout/object-layout.js';
import type { AttributeValues, LdapClient, Modification } from '../ldap-client.js';
import type { GroupMembers } from '../membership/group-members.js';
import { MemberUidFollower } from '../membership/member-uid-follower.js';
import type { MemberValues } from '../membership/member-values.js';
import { nameOf } from '../to-canonical.js';
import { planEntryDn } from './plan-entry-dn.js';
import { planModifications } from './plan-modifications.js';

/**
 * Creates, updates and deletes entries. An update is always "make the entry look like this
 * resource": the writer works out the rename or move (modrdn) the naming template asks for and
 * the attribute modifications that differ, and sends only those.
 */
export class EntryWriter {
  private readonly disabledContainer: DisabledContainer;
  private readonly memberUids: MemberUidFollower;

  constructor(
    private readonly client: LdapClient,
    private readonly config: LdapConfig,
    private readonly locator: EntryLocator,
    private readonly disable: DisableStrategy,
    private readonly members: GroupMembers,
    private readonly memberValues: MemberValues,
    private readonly log: ConnectorContext['log'],
  ) {
    this.disabledContainer = new DisabledContainer(client, config.disable, log);
    this.memberUids = new MemberUidFollower(client, config, log);
  }

  private desired(
    type: ObjectType,
    resource: ScimResource,
    mode: 'create' | 'replace',
    what: string,
  ): DesiredEntry {
    try {
      return fromCanonical(type, resource, this.locator.layoutOf(type), this.config.registry, mode);
    } catch (error) {
      const detail = (error as { detail?: string }).detail ?? (error as Error).message;
      throw new ConnectorError('invalid', `${what}: ${detail}`, { cause: error });
    }
  }

  private render(layout: ObjectLayout, resource: ScimResource, what: string): string {
    try {
      return layout.template.render(resource);
    } catch (error) {
      if (error instanceof MissingTemplateValueError)
        throw new ConnectorError('invalid', `${what}: ${error.message}`, { cause: error });
      throw error;
    }
  }

  private passwordValues(password: string): AttributeValues {
    return this.config.preset.passwordAttribute === 'unicodePwd' ? [encodeUnicodePwd(password)] : [password];
  }

  /** LDAP does not keep userName unique; idsync does, as SCIM requires, before it adds an entry. */
  private async refuseDuplicateName(
    layout: ObjectLayout,
    desired: DesiredEntry,
    what: string,
  ): Promise<void> {
    const naming = layout.attributes.find(
      (mapping) =>
        !mapping.target.schema &&
        mapping.target.attribute === (layout.type === 'User' ? 'userName' : 'displayName'),
    );
    const value = naming && desired.attributes.get(naming.ldapAttribute.toLowerCase())?.values[0];
    if (!naming || value === undefined) return;
    for (const base of layout.searchBases) {
      const found = await this.client
        .search(what, {
          base,
          filter: allOf(layout.filter, equalTo(naming.ldapAttribute, value)),
          attributes: ['1.1'],
          sizeLimit: 1,
        })
        .catch((error: unknown) => {
          if (error instanceof ConnectorError && error.code === 'not-found') return [];
          throw error;
        });
      if (found[0])
        throw new ConnectorError(
          'conflict',
          `${what}: ${found[0].dn} already has ${naming.ldapAttribute} ${JSON.stringify(value)}.`,
        );
    }
  }

  async create(type: ObjectType, resource: ScimResource): Promise<RemoteObject> {
    const layout = this.locator.layoutOf(type);
    const what = `create ${type} ${JSON.stringify(nameOf(resource))}`;
    const desired = this.desired(type, resource, 'create', what);
    let dn = this.render(layout, resource, what);
    const container = type === 'User' ? this.disable.containerFor?.(desired.active ?? true) : undefined;
    if (container !== undefined) dn = formatDn([firstRdn(dn), ...parseDn(container)]);
    await this.refuseDuplicateName(layout, desired, what);
    const attributes = new Map<string, AttributeValues>([['objectClass', layout.objectClasses]]);
    for (const attribute of desired.attributes.values())
      if (attribute.values.length > 0) attributes.set(attribute.name, attribute.values);
    for (const ava of firstRdn(dn)) {
      // The naming value must be among the attribute's values.
      const key =
        [...attributes.keys()].find((name) => name.toLowerCase() === ava.type.toLowerCase()) ?? ava.type;
      const values = (attributes.get(key) ?? []) as string[];
      if (!values.some((value) => value.toLowerCase() === ava.value.toLowerCase()))
        attributes.set(key, [ava.value, ...values]);
    }
    if (type === 'User')
      for (const [name, values] of this.disable.attributesForNew(desired.active ?? true))
        attributes.set(name, values);
    if (desired.password !== undefined)
      attributes.set(this.config.preset.passwordAttribute, this.passwordValues(desired.password));
    const pendingMembers =
      type === 'Group' ? await this.initialMembers(attributes, desired.members ?? [], what) : [];
    await this.disabledContainer.placing(parentDn(dn), what, () => this.client.add(what, dn, attributes));
    const entry = await this.client.read(
      what,
      dn,
      this.locator.attributesFor(layout),
      this.locator.binaryAttributes,
    );
    if (!entry) throw new ConnectorError('unavailable', `${what}: ${dn} was added but cannot be read back.`);
    if (pendingMembers.length > 0) await this.members.addToEntry(entry, pendingMembers, what);
    const created = this.locator.canonical(entry, layout);
    if (!created)
      throw new ConnectorError(
        'invalid',
        `${what}: ${dn} has no ${this.config.preset.idAttribute}; idsync cannot link it.`,
      );
    this.log('info', 'Created an entry', { dn, remoteId: created.remoteId });
    return created;
  }

  /**
   * Puts the first batch of members into the add request (a groupOfNames needs one) and returns
   * the ids still to add; with no members, the placeholder member stands in.
   */
  private async initialMembers(
    attributes: Map<string, AttributeValues>,
    ids: readonly string[],
    what: string,
  ): Promise<string[]> {
    const { attribute, emptyGroupMember, batchSize } = this.config.membership;
    const first = ids.slice(0, batchSize);
    const { values, missing } = await this.memberValues.valuesFor(first);
    if (missing.length > 0)
      throw new ConnectorError('not-found', `${what}: no user or group has the id(s) ${missing.join(', ')}.`);
    if (values.size > 0) attributes.set(attribute, [...values.values()]);
    else if (emptyGroupMember !== undefined && attribute !== 'memberUid')
      attributes.set(attribute, [emptyGroupMember]);
    return ids.slice(batchSize);
  }

  /** Makes the entry look like the resource: rename or move first (so a clash fails before anything changed), then the attributes. */
  async update(type: ObjectType, entry: LdapEntry, resource: ScimResource, what: string): Promise<void> {
    const layout = this.locator.layoutOf(type);
    const desired = this.desired(type, resource, 'replace', what);
    const plan = planEntryDn({
      currentDn: entry.dn,
      templateDn: this.render(layout, resource, what),
      desired,
      moveEntries: this.config.moveEntries,
      ...(type === 'User' && this.config.disable.disabledContainerDn !== undefined
        ? {
            disabledContainer: this.config.disable.disabledContainerDn,
            isInDisabledContainer: (dn: string) => this.disable.isInDisabledContainer?.(dn) ?? false,
          }
        : {}),
    });
    const modifications: Modification[] = planModifications(entry, desired, firstRdn(entry.dn), plan.rdn);
    if (type === 'User' && desired.active !== undefined)
      modifications.push(...this.disable.changesFor(entry, desired.active));
    if (desired.password !== undefined) {
      modifications.push({
        operation: 'replace',
        attribute: this.config.preset.passwordAttribute,
        values: this.passwordValues(desired.password),
      });
    }
    if (plan.changed) {
      await this.disabledContainer.placing(plan.parent, what, () =>
        this.client.rename(
          `${what}: rename ${entry.dn} to ${plan.dn}`,
          entry.dn,
          formatRdn(plan.rdn),
          plan.parent,
        ),
      );
      const id = this.locator.idOf(entry);
      if (id) this.memberValues.forget(id);
      this.log('info', 'Renamed or moved an entry', { from: entry.dn, to: plan.dn });
    }
    const dn = plan.changed ? plan.dn : entry.dn;
    await this.client.modify(what, dn, modifications);
    const uidMayHaveChanged =
      plan.changed || modifications.some((modification) => modification.attribute.toLowerCase() === 'uid');
    if (type === 'User' && this.memberUids.active && uidMayHaveChanged) {
      const now = await this.client.read(what, dn, ['uid']);
      await this.memberUids.renamed(entry.texts('uid'), now?.texts('uid') ?? [], what);
    }
    if (type === 'Group' && desired.members !== undefined) {
      const id = this.locator.idOf(entry);
      if (id) await this.members.replace(id, desired.members);
    }
  }

  async disableUser(entry: LdapEntry, what: string): Promise<void> {
    const container = this.disable.containerFor?.(false);
    if (container !== undefined) {
      if (!this.disable.isInDisabledContainer?.(entry.dn)) {
        await this.disabledContainer.placing(container, what, () =>
          this.client.rename(what, entry.dn, formatRdn(firstRdn(entry.dn)), container),
        );
        this.log('info', 'Moved a disabled account', { from: entry.dn, to: container });
      }
      return;
    }
    await this.client.modify(what, entry.dn, this.disable.changesFor(entry, false));
  }

  async delete(type: ObjectType, entry: LdapEntry, what: string): Promise<void> {
    await this.client.delete(what, entry.dn);
    const id = this.locator.idOf(entry);
    if (id) this.memberValues.forget(id);
    this.log('info', 'Deleted an entry', { dn: entry.dn });
    if (type === 'User' && this.memberUids.active) await this.memberUids.deleted(entry.texts('uid'), what);
  }
}
