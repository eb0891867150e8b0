/** A configuration names a connector that no loaded plugin provides. */
export class UnknownConnectorError extends Error {
  override readonly name = 'UnknownConnectorError';

  constructor(
    readonly connectorId: string,
    readonly available: readonly string[],
  ) {
    super(
      `No connector plugin with id "${connectorId}" is loaded. Available: ${available.join(', ') || 'none'}. ` +
        'Check the `connector` key of the connection, or register the plugin module.',
    );
  }
}
