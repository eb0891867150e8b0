import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ScimError } from '../../errors/scim-error.js';
import { SERVICE_PROVIDER_CONFIG_SCHEMA } from '../urns.js';
import { parseServiceProviderConfig } from './parse-service-provider-config.js';
import {
  CONSERVATIVE_CAPABILITIES,
  type ServiceProviderCapabilities,
} from './service-provider-capabilities.js';
import { serviceProviderConfigResource } from './service-provider-config-resource.js';

const capabilities: ServiceProviderCapabilities = {
  documentationUri: 'https://docs.example.com/scim',
  patch: { supported: true },
  bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: false },
  sort: { supported: true },
  etag: { supported: true },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'OAuth Bearer Token',
      description: 'Bearer token in the Authorization header',
      primary: true,
    },
  ],
};

describe('serviceProviderConfigResource', () => {
  it('builds the RFC 7643 §5 representation with schemas and meta', () => {
    const resource = serviceProviderConfigResource(capabilities, 'https://idsync.example.com/scim/v2/');
    expect(resource.schemas).toEqual([SERVICE_PROVIDER_CONFIG_SCHEMA]);
    expect(resource.meta).toEqual({
      resourceType: 'ServiceProviderConfig',
      location: 'https://idsync.example.com/scim/v2/ServiceProviderConfig',
    });
    expect(resource.bulk).toEqual({ supported: true, maxOperations: 1000, maxPayloadSize: 1048576 });
    expect(resource.filter).toEqual({ supported: true, maxResults: 200 });
    expect(resource.patch).toEqual({ supported: true });
    expect(resource.changePassword).toEqual({ supported: false });
    expect(resource.documentationUri).toBe('https://docs.example.com/scim');
    expect(resource.authenticationSchemes[0]).toMatchObject({ type: 'oauthbearertoken', primary: true });
  });

  it('omits documentationUri when there is none', () => {
    const { documentationUri: _ignored, ...rest } = capabilities;
    expect(serviceProviderConfigResource(rest, 'https://x').documentationUri).toBeUndefined();
    expect('documentationUri' in serviceProviderConfigResource(rest, 'https://x')).toBe(false);
  });

  it('does not share objects with the configuration it was built from', () => {
    const mutable = structuredClone(capabilities) as {
      bulk: { maxOperations: number };
    } & ServiceProviderCapabilities;
    const resource = serviceProviderConfigResource(mutable, 'https://x');
    mutable.bulk.maxOperations = 1;
    expect(resource.bulk.maxOperations).toBe(1000);
  });

  it('survives a round trip through JSON and the parser for any capabilities', () => {
    const flag = fc.record({ supported: fc.boolean() });
    const count = fc.nat({ max: 1_000_000 });
    const arbitrary: fc.Arbitrary<ServiceProviderCapabilities> = fc.record({
      patch: flag,
      bulk: fc.record({ supported: fc.boolean(), maxOperations: count, maxPayloadSize: count }),
      filter: fc.record({ supported: fc.boolean(), maxResults: count }),
      changePassword: flag,
      sort: flag,
      etag: flag,
      authenticationSchemes: fc.array(
        fc.record({
          type: fc.constantFrom('oauth2', 'httpbasic'),
          name: fc.string({ minLength: 1 }),
          description: fc.string(),
        }),
        { maxLength: 3 },
      ),
    });
    fc.assert(
      fc.property(arbitrary, (caps) => {
        const wire = JSON.parse(JSON.stringify(serviceProviderConfigResource(caps, 'https://x'))) as unknown;
        expect(parseServiceProviderConfig(wire)).toEqual(caps);
      }),
    );
  });
});

describe('parseServiceProviderConfig', () => {
  it('reads the RFC 7643 §8.5 example', () => {
    const parsed = parseServiceProviderConfig({
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      documentationUri: 'http://example.com/help/scim.html',
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        {
          name: 'OAuth Bearer Token',
          description: 'Authentication scheme using the OAuth Bearer Token Standard',
          specUri: 'http://www.rfc-editor.org/info/rfc6750',
          documentationUri: 'http://example.com/help/oauth.html',
          type: 'oauthbearertoken',
          primary: true,
        },
        {
          name: 'HTTP Basic',
          description: 'Authentication scheme using the HTTP Basic Standard',
          specUri: 'http://www.rfc-editor.org/info/rfc2617',
          type: 'httpbasic',
        },
      ],
      meta: {
        location: 'https://example.com/v2/ServiceProviderConfig',
        resourceType: 'ServiceProviderConfig',
      },
    });
    expect(parsed.patch.supported).toBe(true);
    expect(parsed.bulk).toEqual({ supported: true, maxOperations: 1000, maxPayloadSize: 1048576 });
    expect(parsed.filter).toEqual({ supported: true, maxResults: 200 });
    expect(parsed.documentationUri).toBe('http://example.com/help/scim.html');
    expect(parsed.authenticationSchemes.map((s) => s.type)).toEqual(['oauthbearertoken', 'httpbasic']);
    expect(parsed.authenticationSchemes[1]).not.toHaveProperty('primary');
  });

  it('assumes nothing is supported when the body is an empty object', () => {
    expect(parseServiceProviderConfig({})).toEqual(CONSERVATIVE_CAPABILITIES);
  });

  it('takes a section without "supported" as unsupported', () => {
    const parsed = parseServiceProviderConfig({ patch: {}, filter: { maxResults: 50 } });
    expect(parsed.patch.supported).toBe(false);
    expect(parsed.filter).toEqual({ supported: false, maxResults: 50 });
  });

  it('accepts string booleans, numeric strings and keys in any case', () => {
    const parsed = parseServiceProviderConfig({
      PATCH: { Supported: 'True' },
      bulk: { supported: 'false', maxOperations: '10', MaxPayloadSize: ' 2048 ' },
      Filter: { supported: 'true', maxResults: '100' },
      etag: { supported: 1 },
      sort: { supported: 'yes' },
    });
    expect(parsed.patch.supported).toBe(true);
    expect(parsed.bulk).toEqual({ supported: false, maxOperations: 10, maxPayloadSize: 2048 });
    expect(parsed.filter).toEqual({ supported: true, maxResults: 100 });
    expect(parsed.etag.supported).toBe(true);
    // Only a clear "true" counts: anything else is not a promise the client can rely on.
    expect(parsed.sort.supported).toBe(false);
  });

  it('turns negative, fractional or unreadable limits into 0 or their integer part', () => {
    const parsed = parseServiceProviderConfig({
      bulk: { supported: true, maxOperations: -5, maxPayloadSize: 'lots' },
      filter: { supported: true, maxResults: 99.7 },
    });
    expect(parsed.bulk).toEqual({ supported: true, maxOperations: 0, maxPayloadSize: 0 });
    expect(parsed.filter.maxResults).toBe(99);
  });

  it('accepts a single authentication scheme object and skips unusable entries', () => {
    expect(
      parseServiceProviderConfig({ authenticationSchemes: { type: 'httpbasic' } }).authenticationSchemes,
    ).toEqual([{ type: 'httpbasic', name: 'httpbasic', description: '' }]);
    expect(
      parseServiceProviderConfig({ authenticationSchemes: [null, 'x', {}, { name: 'Token' }] })
        .authenticationSchemes,
    ).toEqual([{ type: '', name: 'Token', description: '' }]);
  });

  it('parses a body that is still JSON text', () => {
    expect(parseServiceProviderConfig('{"patch":{"supported":true}}').patch.supported).toBe(true);
  });

  it.each([
    ['an HTML page', '<html><body>Not found</body></html>', /not JSON/],
    ['a JSON array', [], /not a JSON object/],
    ['null', null, /not a JSON object/],
    ['an empty body', '', /not JSON/],
  ])('rejects %s with invalidSyntax', (_label, body, message) => {
    let error: unknown;
    try {
      parseServiceProviderConfig(body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe('invalidSyntax');
    expect((error as ScimError).detail).toMatch(message);
  });
});
