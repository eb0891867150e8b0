import { SCIM_V1_ERROR_URN, SCIM_V2_ERROR_URN } from '../schema/urns.js';
import { isScimErrorType, type ScimErrorType } from './scim-error-type.js';

/** The SCIM 2.0 error body (RFC 7644 §3.12). `status` is a string on the wire. */
export interface ScimV2ErrorBody {
  schemas: [typeof SCIM_V2_ERROR_URN];
  status: string;
  scimType?: ScimErrorType;
  detail?: string;
}

/** The SCIM 1.1 error body: an `Errors` array of `{ description, code }`. */
export interface ScimV1ErrorBody {
  schemas?: [typeof SCIM_V1_ERROR_URN];
  Errors: { description: string; code: string }[];
}

/**
 * A protocol error with everything a SCIM response needs: HTTP status, the RFC 7644 `scimType`
 * and a human-readable detail that names what is wrong and, where possible, how to fix it.
 * Thrown by the parser, the evaluator and the PATCH engine; serialised by the servers.
 */
export class ScimError extends Error {
  override readonly name = 'ScimError';

  constructor(
    readonly status: number,
    readonly scimType: ScimErrorType | undefined,
    readonly detail: string,
  ) {
    super(scimType ? `${status} ${scimType}: ${detail}` : `${status}: ${detail}`);
  }

  static invalidFilter(detail: string): ScimError {
    return new ScimError(400, 'invalidFilter', detail);
  }
  static invalidPath(detail: string): ScimError {
    return new ScimError(400, 'invalidPath', detail);
  }
  static noTarget(detail: string): ScimError {
    return new ScimError(400, 'noTarget', detail);
  }
  static invalidValue(detail: string): ScimError {
    return new ScimError(400, 'invalidValue', detail);
  }
  static invalidSyntax(detail: string): ScimError {
    return new ScimError(400, 'invalidSyntax', detail);
  }
  static mutability(detail: string): ScimError {
    return new ScimError(400, 'mutability', detail);
  }
  static uniqueness(detail: string): ScimError {
    return new ScimError(409, 'uniqueness', detail);
  }
  static tooMany(detail: string): ScimError {
    return new ScimError(400, 'tooMany', detail);
  }
  static notFound(detail: string): ScimError {
    return new ScimError(404, undefined, detail);
  }

  /** The SCIM 2.0 wire form. */
  toV2Body(): ScimV2ErrorBody {
    const body: ScimV2ErrorBody = { schemas: [SCIM_V2_ERROR_URN], status: String(this.status) };
    if (this.scimType) body.scimType = this.scimType;
    body.detail = this.detail;
    return body;
  }

  /** The SCIM 1.1 wire form (1.1 has no scimType; it is folded into the description). */
  toV1Body(): ScimV1ErrorBody {
    const description = this.scimType ? `${this.scimType}: ${this.detail}` : this.detail;
    return { schemas: [SCIM_V1_ERROR_URN], Errors: [{ description, code: String(this.status) }] };
  }

  /**
   * Reads an error body of any shape a SCIM service answers with — 2.0, 1.1 `Errors` array,
   * 1.1 single `Error` object, or something else entirely — into a ScimError carrying the
   * service's own message. `httpStatus` wins when the body has no usable status.
   */
  static fromBody(body: unknown, httpStatus: number): ScimError {
    // Callers often hold the raw response text; read it as JSON when it is JSON.
    if (typeof body === 'string' && /^\s*[{[]/.test(body)) {
      try {
        return ScimError.fromBody(JSON.parse(body) as unknown, httpStatus);
      } catch {
        // Not JSON after all: fall through and keep the text as the message.
      }
    }
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      const schemas = Array.isArray(record.schemas) ? record.schemas : [];
      if ('detail' in record || 'scimType' in record || schemas.includes(SCIM_V2_ERROR_URN)) {
        const status = Number(record.status) || httpStatus;
        const scimType = isScimErrorType(record.scimType) ? record.scimType : undefined;
        return new ScimError(status, scimType, String(record.detail ?? `HTTP ${status}`));
      }
      const v1 = record.Errors ?? record.Error;
      const first = Array.isArray(v1) ? v1[0] : v1;
      if (first && typeof first === 'object') {
        const entry = first as Record<string, unknown>;
        const status = Number(entry.code) || httpStatus;
        const description = String(entry.description ?? `HTTP ${status}`);
        const prefixed = /^(\w+): (.*)$/s.exec(description);
        if (prefixed && isScimErrorType(prefixed[1])) return new ScimError(status, prefixed[1], prefixed[2]!);
        return new ScimError(status, undefined, description);
      }
      if (typeof record.message === 'string') return new ScimError(httpStatus, undefined, record.message);
      // OAuth errors (RFC 6749 §5.2) from a token check in front of the SCIM service.
      if (typeof record.error_description === 'string')
        return new ScimError(httpStatus, undefined, record.error_description);
      if (typeof record.error === 'string') return new ScimError(httpStatus, undefined, record.error);
    }
    if (typeof body === 'string' && body.trim()) return new ScimError(httpStatus, undefined, body.trim());
    return new ScimError(httpStatus, undefined, `HTTP ${httpStatus} with no error body`);
  }
}

export function isScimError(value: unknown): value is ScimError {
  return value instanceof ScimError;
}
