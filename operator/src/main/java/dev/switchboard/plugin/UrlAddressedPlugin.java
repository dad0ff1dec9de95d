package dev.switchboard.plugin;

/** A type named by {@code spec.url} (http, s3): no default port, the URL says where and how. */
public abstract class UrlAddressedPlugin implements ConnectionPlugin {
  @Override
  public int defaultPort() {
    return 0;
  }

  @Override
  public boolean addressedByUrl() {
    return true;
  }
}
