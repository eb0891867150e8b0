import { GROUP_SCHEMA, SCIM_V1_CORE_SCHEMA, serviceProviderConfigToV1, USER_SCHEMA } from '@idsync/scim';
import type { FastifyInstance } from 'fastify';
import { sendOutcome } from '../http/send-answer.js';
import type { TargetRuntime } from '../http/target-runtime.js';
import { serviceCapabilities } from '../discovery/service-capabilities.js';

/**
 * SCIM 1.1 discovery: `/ServiceProviderConfigs` (plural, with `xmlDataFormat`), and the User and
 * Group schemas at `/Schemas/Users` and `/Schemas/Groups`, both under the shared 1.1 core URN.
 */
export function registerV1DiscoveryRoutes(app: FastifyInstance, runtime: TargetRuntime): void {
  app.get('/ServiceProviderConfigs', async (_request, reply) =>
    sendOutcome(runtime, reply, {
      status: 200,
      headers: {},
      body: serviceProviderConfigToV1(serviceCapabilities(runtime, runtime.auth)),
    }),
  );

  for (const [endpoint, urn, name] of [
    ['Users', USER_SCHEMA, 'User'],
    ['Groups', GROUP_SCHEMA, 'Group'],
  ] as const) {
    app.get(`/Schemas/${endpoint}`, async (_request, reply) => {
      const schema = runtime.registry.getSchema(urn)!;
      return sendOutcome(runtime, reply, {
        status: 200,
        headers: {},
        body: {
          id: SCIM_V1_CORE_SCHEMA,
          name,
          description: schema.description ?? name,
          schema: SCIM_V1_CORE_SCHEMA,
          endpoint: `/${endpoint}`,
          attributes: structuredClone(schema.attributes),
        },
      });
    });
  }
}
