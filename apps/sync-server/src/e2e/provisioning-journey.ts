import { expect } from '@jest/globals';
import { startScimTarget, type ScimTarget } from '@idsync/scim-target';
import { randomBytes } from 'node:crypto';
import { eventually, ServerProcess } from './server-process.js';
import { GROUP_SCHEMA, journeyConfig, PATCH_SCHEMA, scimUser } from './journey-config.js';

interface RunAnswer {
  runs: {
    connection: string;
    direction: string;
    objectType: string;
    summary: { runId: string; status: string; counts: Record<string, number>; reason?: string };
  }[];
}

interface DeleteAnswer {
  deleted: boolean;
  summary: { runId: string; status: string };
  operations: { kind: string; label?: string }[];
}

export interface JourneyOptions {
  /** The `store:` section, indented by two. */
  readonly store: string;
  readonly env: Record<string, string>;
  readonly dir: string;
  /** More values that must never show (the store's secret key). */
  readonly secrets?: readonly string[];
}

const secret = () => randomBytes(18).toString('base64url');

/**
 * The whole life of a deployment, against the built server as a process and the SCIM target
 * simulator over loopback: users and a group pushed in through SCIM inbound arrive at the
 * target on their own; changes and a disable follow; deleting the users rule with deprovision
 * is planned, waits for approval, and is carried out once approved; a restart finds the state
 * intact; no secret ever shows in a log line or an API answer.
 */
export async function provisioningJourney(options: JourneyOptions): Promise<void> {
  const tokens = { ADMIN_TOKEN: secret(), INBOUND_TOKEN: secret(), TARGET_TOKEN: secret() };
  const target: ScimTarget = await startScimTarget({ auth: { kind: 'bearer', token: tokens.TARGET_TOKEN } });
  const env = { ...options.env, ...tokens, TARGET_URL: target.baseUrl };
  const config = journeyConfig(options.store);
  const servers: ServerProcess[] = [];
  try {
    const server = await ServerProcess.start(config, env, options.dir);
    servers.push(server);
    const admin = { token: tokens.ADMIN_TOKEN };
    const scim = { token: tokens.INBOUND_TOKEN, contentType: 'application/scim+json' };

    // The admin API refuses requests without its token; health and readiness are open.
    expect((await server.request('GET', '/api/connections')).status).toBe(401);
    expect(
      (await server.request('GET', '/api/connections', { token: 'not-the-admin-token-at-all' })).status,
    ).toBe(401);
    expect((await server.request('POST', '/api/connections/target/sync', { body: {} })).status).toBe(401);
    expect((await server.request('GET', '/healthz')).status).toBe(200);
    expect((await server.request('GET', '/readyz')).status).toBe(200);

    // Connections come back with their secret setting hidden.
    const connections = await server.request<{ name: string; config: Record<string, unknown> }[]>(
      'GET',
      '/api/connections',
      admin,
    );
    expect(connections.body.map((c) => c.name)).toEqual(['target']);
    expect(connections.body[0]!.config.bearerToken).toBe('********');

    // Users and a group through SCIM inbound…
    const ids: Record<string, string> = {};
    for (const [userName, title] of [
      ['ada.l@example.com', 'Engineer'],
      ['alan.t@example.com', 'Researcher'],
      ['grace.h@example.com', 'Admiral'],
    ] as const) {
      const created = await server.request<{ id: string }>('POST', '/scim/v2/Users', {
        ...scim,
        body: scimUser(userName, title),
      });
      expect(created.status).toBe(201);
      ids[userName] = created.body.id;
    }
    const group = await server.request<{ id: string }>('POST', '/scim/v2/Groups', {
      ...scim,
      body: {
        schemas: [GROUP_SCHEMA],
        displayName: 'Pioneers',
        members: [{ value: ids['ada.l@example.com'] }, { value: ids['alan.t@example.com'] }],
      },
    });
    expect(group.status).toBe(201);

    // …arrive at the target on their own (near-real-time outbound from the change feed).
    await eventually('users and the group with its members at the target', async () => {
      const pioneers = target.store.groups.all().find((g) => g.displayName === 'Pioneers') as
        { members?: { value: string }[] } | undefined;
      return target.store.users.all().length === 3 && pioneers?.members?.length === 2;
    });
    const remote = (userName: string) =>
      target.store.users.all().find((u) => u.userName === userName) as Record<string, unknown> | undefined;
    expect(remote('ada.l@example.com')).toMatchObject({
      title: 'Engineer',
      active: true,
      name: { givenName: 'ada', familyName: 'Tester' },
    });

    // A change and a disable follow.
    const patch = (id: string, operations: unknown[]) =>
      server.request('PATCH', `/scim/v2/Users/${id}`, {
        ...scim,
        body: { schemas: [PATCH_SCHEMA], Operations: operations },
      });
    expect(
      (
        await patch(ids['ada.l@example.com']!, [
          { op: 'replace', path: 'title', value: 'Principal Engineer' },
        ])
      ).status,
    ).toBe(200);
    expect(
      (await patch(ids['grace.h@example.com']!, [{ op: 'replace', path: 'active', value: false }])).status,
    ).toBe(200);
    await eventually(
      'the change and the disable at the target',
      async () =>
        remote('ada.l@example.com')?.title === 'Principal Engineer' &&
        remote('grace.h@example.com')?.active === false,
    );

    // An explicit sync now changes nothing; its runs are recorded.
    const sync = await server.request<RunAnswer>('POST', '/api/connections/target/sync', {
      ...admin,
      body: { mode: 'full' },
    });
    expect(sync.status).toBe(200);
    expect(sync.body.runs.map((r) => [r.objectType, r.summary.status])).toEqual([
      ['User', 'succeeded'],
      ['Group', 'succeeded'],
    ]);
    expect(
      Object.keys(sync.body.runs[0]!.summary.counts).filter((key) =>
        /^(create|update|disable|delete)\./.test(key),
      ),
    ).toEqual([]);

    // Status and explain.
    const status = await server.request<{
      connections: { connectionId: string; state: string; successCount: number }[];
    }>('GET', '/api/status', admin);
    expect(status.body.connections[0]).toMatchObject({
      connectionId: 'target',
      state: 'in-sync',
      successCount: 4,
    });
    const explained = await server.request<{
      explanations: { rules: { ruleId: string; inScope: boolean }[]; link?: { state: string } }[];
    }>('GET', '/api/explain/users/ada.l@example.com', admin);
    expect(explained.body.explanations[0]!.rules).toEqual([
      expect.objectContaining({ ruleId: 'users-to-target', inScope: true }),
    ]);
    expect(explained.body.explanations[0]!.link?.state).toBe('in-sync');

    // Deleting the users rule with deprovision: the plan lists the deprovisions first…
    const plan = await server.request<DeleteAnswer>(
      'DELETE',
      '/api/rules/users-to-target?deprovision=true&plan=true',
      admin,
    );
    expect(plan.status).toBe(200);
    expect(plan.body.deleted).toBe(false);
    // (grace is disabled already: nothing more to do for her)
    expect(
      plan.body.operations
        .filter((op) => op.kind === 'disable')
        .map((op) => op.label)
        .sort(),
    ).toEqual(['ada.l@example.com', 'alan.t@example.com']);
    expect((await server.request('GET', '/api/rules/users-to-target', admin)).status).toBe(200);

    // …the deletion itself trips the guard (2 removals, at most 1) and waits for approval…
    const deletion = await server.request<DeleteAnswer>(
      'DELETE',
      '/api/rules/users-to-target?deprovision=true',
      admin,
    );
    expect(deletion.body).toMatchObject({ deleted: false, summary: { status: 'awaiting-approval' } });
    const pending = await server.request<{ pendingDeletion?: { runId: string } }>(
      'GET',
      '/api/rules/users-to-target',
      admin,
    );
    expect(pending.body.pendingDeletion?.runId).toBe(deletion.body.summary.runId);
    expect(remote('ada.l@example.com')?.active).toBe(true);

    // …and is carried out once approved.
    const approval = await server.request<RunAnswer>(
      'POST',
      `/api/runs/${deletion.body.summary.runId}/approve`,
      { ...admin, body: { comment: 'offboarding test' } },
    );
    expect(approval.status).toBe(200);
    expect(approval.body.runs[0]!.summary.status).toBe('succeeded');
    expect(
      ['ada.l@example.com', 'alan.t@example.com', 'grace.h@example.com'].map((u) => remote(u)?.active),
    ).toEqual([false, false, false]);
    expect((await server.request('GET', '/api/rules/users-to-target', admin)).status).toBe(404);
    expect(
      (
        await server.request(`POST`, `/api/runs/${deletion.body.summary.runId}/approve`, {
          ...admin,
          body: {},
        })
      ).status,
    ).toBe(409);

    // Metrics count what was done: 3 users and 1 group created, 2 users disabled.
    const metrics = await server.request('GET', '/metrics');
    expect(metrics.text).toMatch(
      /idsync_operations_total\{connection="target",operation="create",result="succeeded"\} 4/,
    );
    expect(metrics.text).toMatch(
      /idsync_operations_total\{connection="target",operation="disable",result="succeeded"\} 2/,
    );
    expect(metrics.text).toMatch(
      /idsync_run_duration_seconds_count\{connection="target",direction="rule-deletion"/,
    );
    expect(metrics.text).toContain('idsync_connection_quarantined');

    // Graceful stop, then a restart on the same store finds everything as it was.
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.log()).toContain('shut down cleanly');
    const again = await ServerProcess.start(config, env, options.dir);
    servers.push(again);
    const rules = await again.request<{ name: string }[]>('GET', '/api/rules', admin);
    expect(rules.body.map((r) => r.name)).toEqual(['groups-to-target']);
    const users = await again.request<{ totalResults: number }>('GET', '/scim/v2/Users', scim);
    expect(users.body.totalResults).toBe(3);
    const runs = await again.request<{ kind: string; status: string }[]>(
      'GET',
      '/api/runs?connection=target&limit=200',
      admin,
    );
    expect(runs.body.some((run) => run.kind === 'rule-deletion' && run.status === 'succeeded')).toBe(true);
    const resync = await again.request<RunAnswer>('POST', '/api/connections/target/sync', {
      ...admin,
      body: { mode: 'full' },
    });
    expect(resync.body.runs.map((r) => [r.objectType, r.summary.status])).toEqual([['Group', 'succeeded']]);
    expect(target.store.users.all()).toHaveLength(3);
    expect(target.store.groups.all()).toHaveLength(1);
    expect(await again.stop('SIGTERM')).toBe(0);

    // Safety rule 4: no secret in any log line or API answer.
    const everything = servers.map((s) => `${s.log()}\n${s.answers.join('\n')}`).join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    expect(server.entries().some((entry) => entry.msg === 'operation' && entry.level === 20)).toBe(true);
    for (const value of [...Object.values(tokens), ...(options.secrets ?? [])])
      expect(everything).not.toContain(value);
  } catch (error) {
    const tail = servers.map((s) => s.log().slice(-6000)).join('\n---\n');
    throw new Error(`${(error as Error).message}\n\nserver output (end):\n${tail}`, { cause: error });
  } finally {
    for (const server of servers) await server.stop('SIGKILL').catch(() => undefined);
    await target.close();
  }
}
