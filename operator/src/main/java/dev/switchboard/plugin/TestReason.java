package dev.switchboard.plugin;

/** The typed outcome of a connection test (DESIGN.md §2): one word, for conditions, Events and metric labels. */
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
