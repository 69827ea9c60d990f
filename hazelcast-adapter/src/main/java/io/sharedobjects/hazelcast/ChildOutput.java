package io.sharedobjects.hazelcast;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

/**
 * One output stream of a {@link SharedProcess}'s child (stdout or stderr), read by a daemon thread as the
 * child writes it, so the child never blocks on a full pipe: the text is kept, its last {@link #KEPT}
 * characters at most, and echoed as it arrives to a stream of this process, as a Python child's output
 * appears on its parent's terminal.
 *
 * <p>Thread-safe: the reading thread appends, any thread reads.
 */
final class ChildOutput implements Runnable {

  /** How much of a stream is kept: its last 1 Mi characters, enough for any stack trace. */
  static final int KEPT = 1 << 20;

  private final InputStream in;
  private final PrintStream echo;
  private final Thread thread;
  private final StringBuilder text = new StringBuilder(); // guarded by itself

  /** Starts reading {@code in}, echoing to {@code echo} (none if null), on a thread named {@code name}. */
  ChildOutput(String name, InputStream in, PrintStream echo) {
    this.in = in;
    this.echo = echo;
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    // The child encodes with its default charset, which is this JVM's: the same java, the same environment.
    try (Reader reader = new InputStreamReader(in, Charset.defaultCharset())) {
      char[] buffer = new char[8192];
      int read;
      while ((read = reader.read(buffer)) != -1) {
        synchronized (text) {
          text.append(buffer, 0, read);
          if (text.length() > KEPT) {
            text.delete(0, text.length() - KEPT);
          }
        }
        if (echo != null) {
          echo.print(new String(buffer, 0, read));
          echo.flush();
        }
      }
    } catch (IOException e) {
      // The pipe broke as the child was killed; what was read stays.
    }
  }

  /** What the child has written so far (its last {@link #KEPT} characters). */
  String text() {
    synchronized (text) {
      return text.toString();
    }
  }

  /** Waits up to {@code nanos} for the stream to end, as it does when the child has exited. */
  void awaitEnd(long nanos) throws InterruptedException {
    TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
  }
}
