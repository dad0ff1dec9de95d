package dev.switchboard.plugin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory JNDI's LDAP provider is given by class name (it calls {@link
 * #getDefault()}): hands it the Connection's own trust settings, set for the thread that opens the
 * connection.
 */
public final class LdapSocketFactory extends SSLSocketFactory {
  private static final ThreadLocal<SSLSocketFactory> CURRENT = new ThreadLocal<>();

  private final SSLSocketFactory delegate;

  private LdapSocketFactory(SSLSocketFactory delegate) {
    this.delegate = delegate;
  }

  /** Called by JNDI, on the thread that opens the connection. */
  public static SocketFactory getDefault() {
    SSLSocketFactory current = CURRENT.get();
    return new LdapSocketFactory(
        current != null ? current : (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  interface Opening<T> {
    T open() throws Exception;
  }

  /** Runs the opening of a connection with these TLS settings. */
  static <T> T with(TlsSettings tls, Opening<T> opening) throws Exception {
    if (!tls.enabled()) {
      return opening.open();
    }
    CURRENT.set(tls.sslContext().getSocketFactory());
    try {
      return opening.open();
    } finally {
      CURRENT.remove();
    }
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public Socket createSocket() throws IOException {
    return delegate.createSocket();
  }

  @Override
  public Socket createSocket(Socket s, String host, int port, boolean autoClose)
      throws IOException {
    return delegate.createSocket(s, host, port, autoClose);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    return delegate.createSocket(host, port, local, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return delegate.createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
      throws IOException {
    return delegate.createSocket(address, port, local, localPort);
  }
}
