import type { ScimError } from '@idsync/scim';
import type { ScimVersion } from '../options/scim-target-options.js';

/** An error answer, before the media type is added. */
export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export interface ErrorRenderContext {
  readonly version: ScimVersion;
  /** Clock time of the answer (ms), for vendors that stamp their errors. */
  readonly now: number;
}

/** How a vendor writes its error bodies: the part of an error a client's parser has to cope with. */
export interface ErrorStyle {
  readonly name: string;
  render(error: ScimError, context: ErrorRenderContext): ErrorResponse;
}

/**
 * RFC 7644 §3.12 for 2.0 (`status` as a string, `scimType`, `detail`) and the SCIM 1.1 `Errors`
 * array for 1.1 — both as written by @idsync/scim.
 */
export const scimErrorStyle: ErrorStyle = {
  name: 'scim',
  render(error, context) {
    return {
      status: error.status,
      headers: {},
      body: context.version === '1.1' ? error.toV1Body() : error.toV2Body(),
    };
  },
};
