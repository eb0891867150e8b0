export interface BannerInput {
  readonly serverUrl: string;
  readonly targetUrl: string;
  readonly token: string;
  readonly tokenGenerated: boolean;
  readonly seeded: { users: number; groups: number };
  readonly dataDir: string;
}

/** What a newcomer reads after `npm start`: where things are, and three things to try. */
export function quickstartBanner(input: BannerInput): string {
  const { serverUrl, targetUrl, token } = input;
  const user = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'grace.hopper@example.com',
    displayName: 'Grace Hopper',
    name: { givenName: 'Grace', familyName: 'Hopper' },
    emails: [{ value: 'grace.hopper@example.com', type: 'work', primary: true }],
    active: true,
  };
  const filter = encodeURIComponent('userName eq "grace.hopper@example.com"');
  const hub = input.seeded.users
    ? `The hub was seeded with ${input.seeded.users} demo users and ${input.seeded.groups} groups; they are being provisioned to the SCIM target now.`
    : 'The hub kept its users from the last run; changes are provisioned to the SCIM target within seconds.';
  return [
    '',
    'idsync quickstart is running.',
    '',
    `  Admin API      ${serverUrl}/api`,
    `  SCIM inbound   ${serverUrl}/scim/v2   (and SCIM 1.1 at /scim/v1)`,
    `  SCIM target    ${targetUrl}   (the simulator idsync provisions into)`,
    `  Metrics        ${serverUrl}/metrics`,
    `  Token          ${token}`,
    `                 ${input.tokenGenerated ? 'generated for this run; set IDSYNC_QUICKSTART_TOKEN to keep one.' : 'from IDSYNC_QUICKSTART_TOKEN.'} It opens the admin API, SCIM inbound and the simulator.`,
    '',
    hub,
    '',
    '1. Create a user through SCIM inbound:',
    '',
    `   curl -s -X POST ${serverUrl}/scim/v2/Users \\`,
    `     -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/scim+json' \\`,
    `     -d '${JSON.stringify(user)}'`,
    '',
    '2. See it arrive at the target (within a few seconds):',
    '',
    `   curl -s -H 'Authorization: Bearer ${token}' '${targetUrl}/Users?filter=${filter}'`,
    '',
    '3. Ask idsync what it did and why:',
    '',
    `   npm run idsync -- status --server ${serverUrl} --token ${token}`,
    `   npm run idsync -- explain grace.hopper@example.com --server ${serverUrl} --token ${token}`,
    '',
    `State is kept in ${input.dataDir}. Stop with Ctrl-C.`,
    '',
  ].join('\n');
}
