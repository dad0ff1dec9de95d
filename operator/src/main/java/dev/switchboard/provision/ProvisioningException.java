package dev.switchboard.provision;

/**
 * Making, changing or dropping a binding's user failed; the message is Switchboard's own words,
 * safe to show.
 */
public class ProvisioningException extends Exception {
  public ProvisioningException(String message) {
    super(message, null, false, false);
  }
}
