package dev.switchboard.plugin;

/**
 * Why a test failed, in words made by Switchboard (never a driver's exception text, which may hold
 * a password).
 */
public record Failure(TestReason reason, String message) {}
