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
  /** Inbound: the population new hub objects from this rule land in (default: the default population). */
  readonly populationId?: string;
  /**
   * Bidirectional sync: which side owns an attribute, keyed by this rule's mapping target.
   * An outbound rule does not write attributes the remote side owns; an inbound rule does not
   * write hub attributes the hub owns. An attribute that one rule writes to a store and another
   * reads back from it must have an owner (checked by `checkBidirectionalRules`), so values
   * flow one way only and two-way rules never ping-pong.
   */
  readonly authority?: Readonly<Record<string, 'hub' | 'remote'>>;
}
