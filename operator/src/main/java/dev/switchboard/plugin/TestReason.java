package dev.switchboard.plugin;

/**
 * The typed outcome of a connection test (docs/reference.md): one word, for conditions, Events and
 * metric labels.
 */
public enum TestReason {
  Succeeded,
  DNSResolutionFailed,
  ConnectionRefused,
  Timeout,
  TLSHandshakeFailed,
  AuthenticationFailed,
  PermissionDenied,
  DatabaseNotFound,
  UnexpectedResponse,
  Disabled
}
