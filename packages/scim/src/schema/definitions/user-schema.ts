import type { SchemaDefinition } from '../attribute-definition.js';
import { USER_SCHEMA } from '../urns.js';
import { defineAttribute, defineComplex, multiValuedSubAttributes } from './define-attribute.js';

/**
 * The core User schema of RFC 7643 §4.1, with the characteristics of its §8.7.1 representation.
 * Only what differs from the RFC 7643 §2.2 defaults is written out (see `defineAttribute`).
 *
 * Where §8.7.1 contradicts the normative text, the normative text wins:
 * `x509Certificates.value` is binary and therefore case exact (§2.3.6), although §8.7.1 lists
 * caseExact false.
 */
export const USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: USER_SCHEMA,
  name: 'User',
  description: 'User account',
  attributes: [
    defineAttribute('userName', {
      description:
        'The name the user signs in with; unique among all users of the service, compared without case.',
      required: true,
      uniqueness: 'server',
    }),
    defineComplex(
      'name',
      [
        defineAttribute('formatted', {
          description: 'The whole name as it is displayed, titles and suffixes included.',
        }),
        defineAttribute('familyName', { description: 'Family (last) name.' }),
        defineAttribute('givenName', { description: 'Given (first) name.' }),
        defineAttribute('middleName', { description: 'Middle name or names.' }),
        defineAttribute('honorificPrefix', { description: 'Title before the name, such as "Dr.".' }),
        defineAttribute('honorificSuffix', { description: 'Suffix after the name, such as "III".' }),
      ],
      { description: "The parts of the person's real name." },
    ),
    defineAttribute('displayName', { description: 'The name to show for the user, usually the full name.' }),
    defineAttribute('nickName', { description: 'The casual name the person goes by; not the user name.' }),
    defineAttribute('profileUrl', {
      type: 'reference',
      referenceTypes: ['external'],
      description: "URL of the user's online profile page.",
    }),
    defineAttribute('title', { description: 'Job title.' }),
    defineAttribute('userType', {
      description: 'Relationship to the organisation, such as "Employee" or "Contractor".',
    }),
    defineAttribute('preferredLanguage', {
      description: 'Preferred language, as an HTTP Accept-Language value such as "en-US".',
    }),
    defineAttribute('locale', {
      description: 'Locale for formatting dates, numbers and currency, such as "en-US".',
    }),
    defineAttribute('timezone', { description: 'Time zone in IANA ("Olson") form, such as "Europe/Paris".' }),
    defineAttribute('active', { type: 'boolean', description: 'Whether the account is enabled.' }),
    defineAttribute('password', {
      description: 'Clear-text password, to set an initial one or reset it; never returned.',
      mutability: 'writeOnly',
      returned: 'never',
    }),
    defineComplex(
      'emails',
      multiValuedSubAttributes({ type: { canonicalValues: ['work', 'home', 'other'] } }),
      { multiValued: true, description: 'E-mail addresses.' },
    ),
    defineComplex(
      'phoneNumbers',
      multiValuedSubAttributes({
        type: { canonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] },
      }),
      { multiValued: true, description: 'Telephone numbers, preferably as RFC 3966 "tel:" URIs.' },
    ),
    defineComplex(
      'ims',
      multiValuedSubAttributes({
        type: { canonicalValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] },
      }),
      { multiValued: true, description: 'Instant-messaging addresses.' },
    ),
    defineComplex(
      'photos',
      multiValuedSubAttributes({
        value: { type: 'reference', referenceTypes: ['external'] },
        type: { canonicalValues: ['photo', 'thumbnail'] },
      }),
      { multiValued: true, description: 'URLs of pictures of the user.' },
    ),
    defineComplex(
      'addresses',
      [
        defineAttribute('formatted', {
          description: 'The whole postal address as printed on a label; may span lines.',
        }),
        defineAttribute('streetAddress', { description: 'Street, house number, P.O. box; may span lines.' }),
        defineAttribute('locality', { description: 'City or locality.' }),
        defineAttribute('region', { description: 'State or region.' }),
        defineAttribute('postalCode', { description: 'Postal or ZIP code.' }),
        defineAttribute('country', { description: 'Country, as an ISO 3166-1 alpha-2 code.' }),
        defineAttribute('type', {
          description: 'A label for the address, such as "work".',
          canonicalValues: ['work', 'home', 'other'],
        }),
        defineAttribute('primary', {
          type: 'boolean',
          description: 'True for the preferred address; at most one may be primary.',
        }),
      ],
      { multiValued: true, description: 'Postal addresses.' },
    ),
    defineComplex(
      'groups',
      [
        defineAttribute('value', { description: 'The id of the group.', mutability: 'readOnly' }),
        defineAttribute('$ref', {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          description: 'URI of the group resource.',
          mutability: 'readOnly',
        }),
        defineAttribute('display', { description: 'Display name of the group.', mutability: 'readOnly' }),
        defineAttribute('type', {
          description: 'How the user is a member: "direct" or "indirect" (through a nested group).',
          canonicalValues: ['direct', 'indirect'],
          mutability: 'readOnly',
        }),
      ],
      {
        multiValued: true,
        mutability: 'readOnly',
        description:
          'Groups the user belongs to, directly, through nesting or dynamically; changed through the groups.',
      },
    ),
    defineComplex('entitlements', multiValuedSubAttributes(), {
      multiValued: true,
      description: 'Things the user is entitled to.',
    }),
    defineComplex('roles', multiValuedSubAttributes({ type: { canonicalValues: [] } }), {
      multiValued: true,
      description: 'Roles the user holds, such as "Student".',
    }),
    defineComplex(
      'x509Certificates',
      multiValuedSubAttributes({ value: { type: 'binary', caseExact: true }, type: { canonicalValues: [] } }),
      { multiValued: true, description: 'X.509 certificates issued to the user, DER in base64.' },
    ),
  ],
};
