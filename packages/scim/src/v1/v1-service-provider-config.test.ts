import { describe, expect, it } from '@jest/globals';
import { ScimError } from '../errors/scim-error.js';
import { SCIM_V1_CORE_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA } from '../schema/urns.js';
import { serviceProviderConfigFromV1, serviceProviderConfigToV1 } from './v1-service-provider-config.js';

/** A 1.1 `/ServiceProviderConfigs` answer in the shape of the 1.1 core schema's example. */
const V1_CONFIG = {
  schemas: ['urn:scim:schemas:core:1.0'],
  documentationUrl: 'https://example.com/help/scim.html',
  patch: { supported: true },
  bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: true },
  sort: { supported: true },
  etag: { supported: true },
  xmlDataFormat: { supported: true },
  authenticationSchemes: [
    {
      name: 'OAuth Bearer Token',
      description: 'Authentication Scheme using the OAuth Bearer Token Standard',
      specUrl: 'http://tools.ietf.org/html/draft-ietf-oauth-v2-bearer-01',
      documentationUrl: 'https://example.com/help/oauth.html',
      type: 'oauthbearertoken',
      primary: true,
    },
    {
      name: 'HTTP Basic',
      description: 'Authentication Scheme using the Http Basic Standard',
      specUrl: 'http://www.ietf.org/rfc/rfc2617.txt',
      documentationUrl: 'https://example.com/help/httpBasic.html',
    },
  ],
};

describe('serviceProviderConfigFromV1', () => {
  it('converts the 1.1 answer to the 2.0 shape, …Url to …Uri', () => {
    expect(serviceProviderConfigFromV1(V1_CONFIG)).toEqual({
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      documentationUri: 'https://example.com/help/scim.html',
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: true },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        {
          name: 'OAuth Bearer Token',
          description: 'Authentication Scheme using the OAuth Bearer Token Standard',
          specUri: 'http://tools.ietf.org/html/draft-ietf-oauth-v2-bearer-01',
          documentationUri: 'https://example.com/help/oauth.html',
          type: 'oauthbearertoken',
          primary: true,
        },
        {
          name: 'HTTP Basic',
          description: 'Authentication Scheme using the Http Basic Standard',
          specUri: 'http://www.ietf.org/rfc/rfc2617.txt',
          documentationUri: 'https://example.com/help/httpBasic.html',
          type: 'httpbasic',
        },
      ],
    });
  });

  it('reads string booleans and numeric strings', () => {
    const config = serviceProviderConfigFromV1({
      patch: { supported: 'false' },
      bulk: { supported: 'TRUE', maxOperations: '50', maxPayloadSize: '2048' },
      filter: { supported: 'true', maxResults: '100' },
      authenticationSchemes: [{ name: 'OAuth v2.0', description: 'OAuth', primary: 'true' }],
    });
    expect(config.patch.supported).toBe(false);
    expect(config.bulk).toEqual({ supported: true, maxOperations: 50, maxPayloadSize: 2048 });
    expect(config.filter).toEqual({ supported: true, maxResults: 100 });
    expect(config.authenticationSchemes).toEqual([
      { name: 'OAuth v2.0', description: 'OAuth', type: 'oauth2', primary: true },
    ]);
  });

  it('counts features the target does not mention as unsupported and leaves unknown limits out', () => {
    const config = serviceProviderConfigFromV1({
      schemas: [SCIM_V1_CORE_SCHEMA],
      filter: { supported: true },
    });
    expect(config).toEqual({
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      patch: { supported: false },
      bulk: { supported: false },
      filter: { supported: true },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [],
    });
  });

  it('unwraps a config answered as a list response and leaves a scheme type out when the name does not say it', () => {
    const config = serviceProviderConfigFromV1({
      totalResults: 1,
      Resources: [
        { patch: { supported: true }, authenticationSchemes: { name: 'Custom SSO', description: 'd' } },
      ],
    });
    expect(config.patch.supported).toBe(true);
    expect(config.authenticationSchemes).toEqual([{ name: 'Custom SSO', description: 'd' }]);
  });

  it('refuses what it cannot read, naming the member', () => {
    expect(() => serviceProviderConfigFromV1('nope')).toThrow(ScimError);
    expect(() => serviceProviderConfigFromV1({ patch: { supported: 'maybe' } })).toThrow(/"patch.supported"/);
    expect(() => serviceProviderConfigFromV1({ bulk: { supported: true, maxOperations: 'lots' } })).toThrow(
      /"bulk.maxOperations"/,
    );
  });
});

describe('serviceProviderConfigToV1', () => {
  it('writes what the inbound /scim/v1 server answers at /ServiceProviderConfigs', () => {
    const v2 = serviceProviderConfigFromV1(V1_CONFIG);
    expect(serviceProviderConfigToV1(v2)).toEqual({
      ...V1_CONFIG,
      xmlDataFormat: { supported: false },
      authenticationSchemes: [
        V1_CONFIG.authenticationSchemes[0],
        { ...V1_CONFIG.authenticationSchemes[1], type: 'httpbasic' },
      ],
    });
  });

  it('round-trips a 2.0 config', () => {
    const v2 = serviceProviderConfigFromV1(V1_CONFIG);
    expect(serviceProviderConfigFromV1(serviceProviderConfigToV1(v2))).toEqual(v2);
  });
});
