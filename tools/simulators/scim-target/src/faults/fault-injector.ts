import type { FaultConfig, FailNextRule, RequestMatcher } from './fault-config.js';
import { matchesRequest, type MatchableRequest } from './request-matcher.js';
import { seededRandom } from './seeded-random.js';

/** Answer instead of handling the request. Without `body` the target writes an error body in its own style. */
export interface InjectedResponse {
  readonly kind: 'respond';
  readonly status: number;
  readonly body?: unknown;
  readonly headers: Readonly<Record<string, string>>;
  /** Why, for the error detail: "injected fault: …". */
  readonly reason: string;
}

export type FaultAction = { readonly kind: 'reset' } | InjectedResponse;

/** What to do to one request. `applied` names the faults for the request log. */
export interface FaultDecision {
  readonly delayMs: number;
  readonly action?: FaultAction;
  readonly slowBody?: { readonly chunkBytes: number; readonly intervalMs: number };
  readonly applied: readonly string[];
}

const DEFAULT_ERROR_STATUSES = [500, 502, 503];

/** A rule with a budget of requests: `undefined` means unlimited. */
class Budget {
  constructor(private remaining: number | undefined) {}
  get exhausted(): boolean {
    return this.remaining !== undefined && this.remaining <= 0;
  }
  spend(): void {
    if (this.remaining !== undefined) this.remaining -= 1;
  }
}

/**
 * Decides, request by request, which configured faults strike. The order is fixed: latency
 * first (it delays whatever follows), then a connection reset, then the fail-next rules, the
 * Retry-After throttle and random errors; a slow body applies to whatever answer is sent. The
 * configuration can be replaced at any time; counters and the PRNG restart with it.
 */
export class FaultInjector {
  private config: FaultConfig = {};
  private random: () => number = seededRandom(1);
  private failBudgets: { rule: FailNextRule; budget: Budget }[] = [];
  private resetBudget = new Budget(undefined);
  private slowBudget = new Budget(undefined);
  private throttleBudget = new Budget(0);

  constructor(config: FaultConfig = {}) {
    this.set(config);
  }

  set(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed ?? 1);
    this.failBudgets = (config.failNext ?? []).map((rule) => ({ rule, budget: new Budget(rule.count) }));
    this.resetBudget = new Budget(config.resets?.count);
    this.slowBudget = new Budget(config.slowBody?.count);
    this.throttleBudget = new Budget(config.throttleNext?.count ?? 0);
  }

  decide(request: MatchableRequest): FaultDecision {
    const applied: string[] = [];
    const applies = (match: RequestMatcher | undefined) => matchesRequest(match, request);
    const { latency, resets, randomErrors, slowBody, throttleNext } = this.config;

    let delayMs = 0;
    if (latency && applies(latency.match)) {
      delayMs = latency.ms + Math.floor(this.random() * (latency.jitterMs ?? 0));
      applied.push('latency');
    }
    const slow =
      slowBody && applies(slowBody.match) && !this.slowBudget.exhausted
        ? { chunkBytes: Math.max(1, slowBody.chunkBytes ?? 16), intervalMs: slowBody.intervalMs ?? 20 }
        : undefined;
    const action = this.pickAction(request, resets, randomErrors, throttleNext, applies, applied);
    if (slow && action?.kind !== 'reset') {
      this.slowBudget.spend();
      applied.push('slowBody');
    }
    return {
      delayMs,
      ...(action ? { action } : {}),
      ...(slow && action?.kind !== 'reset' ? { slowBody: slow } : {}),
      applied,
    };
  }

  private pickAction(
    request: MatchableRequest,
    resets: FaultConfig['resets'],
    randomErrors: FaultConfig['randomErrors'],
    throttleNext: FaultConfig['throttleNext'],
    applies: (match: RequestMatcher | undefined) => boolean,
    applied: string[],
  ): FaultAction | undefined {
    if (
      resets &&
      applies(resets.match) &&
      !this.resetBudget.exhausted &&
      this.roll(resets.probability ?? 1)
    ) {
      this.resetBudget.spend();
      applied.push('reset');
      return { kind: 'reset' };
    }
    const failing = this.failBudgets.find(
      ({ rule, budget }) => !budget.exhausted && matchesRequest(rule, request),
    );
    if (failing) {
      failing.budget.spend();
      applied.push('failNext');
      const { rule } = failing;
      return {
        kind: 'respond',
        status: rule.status,
        ...(rule.body !== undefined ? { body: rule.body } : {}),
        headers: rule.headers ?? {},
        reason: `injected fault: this ${request.method} ${request.path} was set to fail with ${rule.status}`,
      };
    }
    if (throttleNext && applies(throttleNext.match) && !this.throttleBudget.exhausted) {
      this.throttleBudget.spend();
      applied.push('throttle');
      const seconds = throttleNext.retryAfterSeconds ?? 1;
      return {
        kind: 'respond',
        status: 429,
        headers: { 'retry-after': String(seconds) },
        reason: `injected fault: too many requests; retry after ${seconds} s`,
      };
    }
    if (randomErrors && applies(randomErrors.match) && this.roll(randomErrors.probability)) {
      const statuses = randomErrors.statuses?.length ? randomErrors.statuses : DEFAULT_ERROR_STATUSES;
      const status = statuses[Math.floor(this.random() * statuses.length)]!;
      applied.push('randomError');
      return { kind: 'respond', status, headers: {}, reason: `injected fault: random ${status}` };
    }
    return undefined;
  }

  private roll(probability: number): boolean {
    if (probability >= 1) return true;
    if (probability <= 0) return false;
    return this.random() < probability;
  }
}
