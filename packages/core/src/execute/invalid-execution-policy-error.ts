/** One bad setting of an execution policy: the key, what is wrong, how to fix it. */
export interface ExecutionPolicyIssue {
  readonly key: string;
  readonly problem: string;
  readonly fix: string;
}

/** An execution policy that cannot work, with every problem listed so all can be fixed in one pass. */
export class InvalidExecutionPolicyError extends Error {
  override readonly name = 'InvalidExecutionPolicyError';

  constructor(readonly issues: readonly ExecutionPolicyIssue[]) {
    super(
      'Invalid execution policy:\n' +
        issues.map((issue) => `  - ${issue.key}: ${issue.problem} ${issue.fix}`).join('\n'),
    );
  }
}
