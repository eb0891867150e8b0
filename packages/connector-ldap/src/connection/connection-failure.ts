/** The step of opening a connection that failed, in the order a person debugs them. */
export type ConnectionStage = 'connect' | 'tls' | 'bind';

/** Opening a connection to one URL failed at one stage; the message never holds the password. */
export class ConnectionFailure extends Error {
  override readonly name = 'ConnectionFailure';

  constructor(
    readonly url: string,
    readonly stage: ConnectionStage,
    readonly reason: string,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(`${STAGE_NAMES[stage]} ${url} failed: ${reason}`, options);
  }
}

const STAGE_NAMES: Readonly<Record<ConnectionStage, string>> = {
  connect: 'Connecting to',
  tls: 'TLS with',
  bind: 'Binding at',
};

/** Every URL was tried and none gave a bound connection. */
export class NoServerAvailable extends Error {
  override readonly name = 'NoServerAvailable';

  constructor(readonly failures: readonly ConnectionFailure[]) {
    super(failures.map((failure) => failure.message).join('; '));
  }

  /** The failure that got furthest (a bind failure says more than a refused connection). */
  get furthest(): ConnectionFailure | undefined {
    const order = { connect: 0, tls: 1, bind: 2 };
    return [...this.failures].sort((a, b) => order[b.stage] - order[a.stage])[0];
  }
}
