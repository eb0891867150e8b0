/**
 * The config the end-to-end tests start the server with: SCIM inbound for one client, one
 * outbound SCIM connection to the simulator (users and groups), a tight deletion guard (one removal) so
 * deprovisioning three users needs an approval, debug logs (so the secret checks see every line).
 */
export function journeyConfig(store: string): string {
  return `
server:
  adminToken: \${ADMIN_TOKEN}
  logLevel: debug
  scim:
    clients:
      - id: test-idp
        bearerTokens: ['\${INBOUND_TOKEN}']
store:
${store}
schedules:
  outboundChanges: 200ms
  inboundPoll: 'off'
  fullReconciliation: 'off'
connections:
  - name: target
    displayName: SCIM simulator
    connector: scim
    config:
      baseUrl: \${TARGET_URL}
      authMethod: oauth-bearer
      bearerToken: \${TARGET_TOKEN}
    preferences:
      removeAction: disable
    deletionGuard: { maxCount: 1, maxShare: 1, minRemovalsForShare: 100 }
rules:
  - name: users-to-target
    direction: outbound
    connection: target
    objectType: User
    mappings:
      - { target: userName, kind: direct, source: userName }
      - { target: displayName, kind: direct, source: displayName }
      - { target: name.givenName, kind: direct, source: name.givenName }
      - { target: name.familyName, kind: direct, source: name.familyName }
      - { target: title, kind: direct, source: title }
      - { target: active, kind: direct, source: active, defaultIfEmpty: true }
  - name: groups-to-target
    direction: outbound
    connection: target
    objectType: Group
    mappings:
      - { target: displayName, kind: direct, source: displayName }
`;
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const scimUser = (userName: string, title: string) => ({
  schemas: [USER_SCHEMA],
  userName,
  displayName: userName.split('@')[0],
  name: { givenName: userName.split('.')[0], familyName: 'Tester' },
  title,
  active: true,
});
