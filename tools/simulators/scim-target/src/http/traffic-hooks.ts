import { setTimeout as sleep } from 'node:timers/promises';
import { isScimError, ScimError } from '@idsync/scim';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { slowBodyStream } from '../faults/slow-body-stream.js';
import { redactHeaders } from '../log/redact-secrets.js';
import { relativePath, requestState, setRequestState } from './request-state.js';
import { sendOutcome, sendScimError } from './send-answer.js';
import type { TargetRuntime } from './target-runtime.js';

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0] ?? request.url;
}

/**
 * What happens to every request before a route sees it, in the order a real deployment would
 * apply it: the request is logged; injected faults strike (latency, reset, injected answers);
 * the rate limit is checked (429 + Retry-After); credentials are checked (401). Slow bodies
 * are applied on the way out, and the status is logged when the answer is complete.
 */
export function registerTrafficHooks(app: FastifyInstance, runtime: TargetRuntime): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    const query = Object.fromEntries(new URL(request.url, 'http://target').searchParams);
    const entry = runtime.log.add({
      method: request.method,
      path,
      relativePath: relativePath(path, runtime.basePath),
      query,
      headers: redactHeaders(request.headers),
      faults: [],
      receivedAt: runtime.clock(),
    });
    setRequestState(request.raw, { entry });
    return applyFaults(runtime, request, reply);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (reply.sent) return;
    const verdict = runtime.limiter?.take();
    if (verdict && !verdict.allowed) {
      const seconds = String(verdict.retryAfterSeconds);
      const error = new ScimError(
        429,
        undefined,
        `Too many requests; the limit is reached, retry after ${seconds} s.`,
      );
      return sendScimError(runtime, reply, error, { 'retry-after': seconds });
    }
    if (runtime.tokenPath !== undefined && pathOf(request).toLowerCase() === runtime.tokenPath.toLowerCase())
      return;
    try {
      runtime.authenticate(request.headers.authorization);
    } catch (error) {
      if (!isScimError(error)) throw error;
      return sendScimError(runtime, reply, error);
    }
  });

  app.addHook('onSend', async (request, _reply, payload) => {
    const slow = requestState(request.raw)?.slowBody;
    if (!slow || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) return payload;
    return slowBodyStream(payload, slow.chunkBytes, slow.intervalMs);
  });

  app.addHook('onResponse', async (request, reply) => {
    const state = requestState(request.raw);
    if (state) state.entry.status = reply.statusCode;
  });
}

async function applyFaults(
  runtime: TargetRuntime,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<unknown> {
  const state = requestState(request.raw)!;
  const decision = runtime.faults.decide({ method: request.method, path: state.entry.relativePath });
  state.entry.faults.push(...decision.applied);
  if (decision.slowBody) state.slowBody = decision.slowBody;
  if (decision.delayMs > 0) await sleep(decision.delayMs);
  const action = decision.action;
  if (!action) return undefined;
  if (action.kind === 'reset') {
    reply.hijack();
    request.raw.socket.destroy();
    return reply;
  }
  if (action.body !== undefined) {
    return sendOutcome(runtime, reply, { status: action.status, headers: action.headers, body: action.body });
  }
  return sendScimError(
    runtime,
    reply,
    new ScimError(action.status, undefined, action.reason),
    action.headers,
  );
}
