import { randomUUID } from 'node:crypto';
import { SCIM_V2_ERROR_URN } from '@idsync/scim';
import type { ErrorStyle } from './error-style.js';

/** The exception names of the IAM Identity Center SCIM developer guide, by HTTP status. */
const EXCEPTION_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'ValidationException',
  401: 'UnauthorizedException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  409: 'ConflictException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
};

export function awsExceptionName(status: number): string {
  return EXCEPTION_BY_STATUS[status] ?? (status >= 500 ? 'InternalServerException' : 'ValidationException');
}

/**
 * AWS IAM Identity Center's error answers: a SCIM error body without `scimType`, stamped with
 * `exceptionRequestId` and `timeStamp`, and the exception name (ValidationException,
 * ConflictException, ThrottlingException, …) in the `x-amzn-ErrorType` header beside
 * `x-amzn-RequestId`. The status names come from the developer guide; the exact body fields
 * are as AWS answers are commonly reported, not from a published schema.
 */
export const awsErrorStyle: ErrorStyle = {
  name: 'aws',
  render(error, context) {
    const requestId = randomUUID();
    return {
      status: error.status,
      headers: { 'x-amzn-errortype': awsExceptionName(error.status), 'x-amzn-requestid': requestId },
      body: {
        schemas: [SCIM_V2_ERROR_URN],
        status: String(error.status),
        detail: error.detail,
        exceptionRequestId: requestId,
        timeStamp: new Date(context.now).toISOString(),
      },
    };
  },
};
