import type { AttributeMapping } from '../mapping/attribute-mapping.js';
import type { ObjectType } from './object-type.js';

/** Which hub objects a rule applies to. All given conditions must hold. */
export interface RuleScope {
  /** Objects in any of these populations (absent: all populations). */
  readonly populationIds?: readonly string[];
  /** Users that are members (directly or through nesting) of any of these hub groups. */
  readonly groupIds?: readonly string[];
  /** A SCIM filter over the hub object, e.g. `active eq true and title co "Engineer"`. */
  readonly filter?: string;
}

/**
 * A provisioning rule: inbound rules bring a store's objects into the hub, outbound rules
 * push hub objects in scope out to a store. Mappings are compiled and checked by the mapping
 * module; they are kept as data here so rules serialise to configuration files and the store.
 */
export interface ProvisioningRule {
  readonly id: string;
  readonly name: string;
  readonly direction: 'inbound' | 'outbound';
  readonly connectionId: string;
  readonly objectType: ObjectType;
  readonly enabled: boolean;
  readonly scope: RuleScope;
  readonly mappings: readonly AttributeMapping[];
  /** Outbound: hub groups this rule provisions to the connection (with their members in scope). */
  readonly groupIds?: readonly string[];
  /**
   * Bidirectional sync: for each target attribute path, which side is authoritative. Absent
   * attributes follow the rule's direction. Echo suppression and the conflict policy use it.
   */
  readonly authority?: Readonly<Record<string, 'hub' | 'remote'>>;
  /** When both sides changed an attribute since the last sync. */
  readonly conflictPolicy?: 'authority-wins' | 'newest-wins' | 'skip-and-report';
}
