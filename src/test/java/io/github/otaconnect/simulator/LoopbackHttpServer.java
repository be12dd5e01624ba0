package io.github.otaconnect.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on the loopback interface (keep-alive, Content-Length and chunked request
 * bodies). It exists instead of {@code com.sun.net.httpserver.HttpServer} because that server overwrites
 * every response's {@code Date} header with the real time, and the simulator's Date must come from its
 * own clock. Owning the socket also allows a genuine connection reset (RST) as a fault.
 */
final class LoopbackHttpServer {

  /** A parsed request; header names are lower-case. */
  record Call(String method, String target, Map<String, String> headers, byte[] body) {
  }

  /** A response to write, or (with {@code reset}) a connection to abort without one. */
  record Reply(int status, Map<String, String> headers, byte[] body, boolean reset) {
    static Reply resetConnection() {
      return new Reply(0, Map.of(), new byte[0], true);
    }
  }

  interface Handler {
    /** Returning null closes the connection without a response (e.g. when interrupted by a stop). */
    Reply handle(Call call);
  }

  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final int IDLE_TIMEOUT_MS = 60_000;

  private final int requestedPort;
  private final int coreThreads;
  private final Handler handler;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private volatile ServerSocket listener;
  private ThreadPoolExecutor workers;
  private Thread acceptor;

  LoopbackHttpServer(int port, int coreThreads, Handler handler) {
    this.requestedPort = port;
    this.coreThreads = coreThreads;
    this.handler = handler;
  }

  synchronized void start() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true); // a restart must get the same port back at once
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
    listener = socket;
    AtomicInteger n = new AtomicInteger();
    // one thread per open connection (keep-alive connections wait in a read); a few stay warm
    workers = new ThreadPoolExecutor(coreThreads, Math.max(coreThreads, 64), 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> daemon(r, "ota-simulator-" + n.incrementAndGet()));
    acceptor = daemon(() -> acceptLoop(socket), "ota-simulator-accept-" + socket.getLocalPort());
    acceptor.start();
  }

  int port() {
    ServerSocket socket = listener;
    if (socket == null) {
      throw new IllegalStateException("not started");
    }
    return socket.getLocalPort();
  }

  synchronized void stop() {
    ServerSocket socket = listener;
    if (socket == null) {
      return;
    }
    listener = null;
    closeQuietly(socket);
    for (Socket connection : open) {
      closeQuietly(connection);
    }
    workers.shutdownNow(); // wakes handlers sleeping in a SLOW fault
    try {
      acceptor.join(5000);
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket connection;
      try {
        connection = socket.accept();
      } catch (IOException closed) {
        return;
      }
      open.add(connection);
      try {
        workers.execute(() -> serve(connection));
      } catch (RejectedExecutionException busy) {
        open.remove(connection);
        closeQuietly(connection);
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setSoTimeout(IDLE_TIMEOUT_MS);
      connection.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = new BufferedOutputStream(connection.getOutputStream());
      while (true) {
        Call call;
        try {
          call = readCall(in, out);
        } catch (MalformedRequest bad) {
          write(out, new Reply(400, Map.of("Content-Type", "text/plain"),
              bad.getMessage().getBytes(StandardCharsets.UTF_8), false), false);
          return;
        }
        if (call == null) {
          return;
        }
        Reply reply = handler.handle(call);
        if (reply == null) {
          return;
        }
        if (reply.reset()) {
          connection.setSoLinger(true, 0); // close() now sends RST instead of FIN
          return;
        }
        boolean keepAlive = !tokenPresent(call.headers().get("connection"), "close");
        write(out, reply, keepAlive);
        if (!keepAlive) {
          return;
        }
      }
    } catch (IOException gone) {
      // the client closed, timed out, or the server is stopping
    } finally {
      open.remove(connection);
    }
  }

  private static final class MalformedRequest extends IOException {
    MalformedRequest(String message) {
      super(message);
    }
  }

  /** Null at a clean end of stream between requests. */
  private static Call readCall(InputStream in, OutputStream out) throws IOException {
    String requestLine = readLine(in, true);
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = readLine(in, true); // tolerate stray CRLF between requests
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new MalformedRequest("bad request line");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int count = 0; ; count++) {
      String line = readLine(in, false);
      if (line.isEmpty()) {
        break;
      }
      if (count >= MAX_HEADERS) {
        throw new MalformedRequest("too many headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new MalformedRequest("bad header line");
      }
      headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    if (parts[2].equals("HTTP/1.0") && !headers.containsKey("connection")) {
      headers.put("connection", "close");
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    return new Call(parts[0], parts[1], headers, readBody(in, headers));
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    if (tokenPresent(headers.get("transfer-encoding"), "chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine(in, false);
        int semicolon = sizeLine.indexOf(';');
        int size;
        try {
          size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new MalformedRequest("bad chunk size");
        }
        if (size == 0) {
          while (!readLine(in, false).isEmpty()) {
            // trailers are ignored
          }
          return body.toByteArray();
        }
        if (body.size() + size > MAX_BODY) {
          throw new MalformedRequest("body too large");
        }
        body.write(readExactly(in, size));
        readLine(in, false);
      }
    }
    String length = headers.get("content-length");
    if (length == null) {
      return new byte[0];
    }
    int n;
    try {
      n = Integer.parseInt(length.trim());
    } catch (NumberFormatException e) {
      throw new MalformedRequest("bad Content-Length");
    }
    if (n < 0 || n > MAX_BODY) {
      throw new MalformedRequest("bad Content-Length");
    }
    return readExactly(in, n);
  }

  private static byte[] readExactly(InputStream in, int n) throws IOException {
    byte[] data = in.readNBytes(n);
    if (data.length != n) {
      throw new EOFException("request body ended early");
    }
    return data;
  }

  /** A CRLF- (or LF-) terminated line; null at end of stream only when {@code eofAllowed}. */
  private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (eofAllowed && line.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside a request");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new MalformedRequest("line too long");
      }
      line.write(b);
    }
  }

  private static boolean tokenPresent(String headerValue, String token) {
    if (headerValue == null) {
      return false;
    }
    for (String part : headerValue.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }

  private static void write(OutputStream out, Reply reply, boolean keepAlive) throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(reply.status()).append(' ').append(reason(reply.status())).append("\r\n");
    reply.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(reply.body().length).append("\r\n");
    if (!keepAlive) {
      head.append("Connection: close\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(reply.body());
    out.flush();
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      default:
        return "Status";
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
  }
}
