package io.github.otaconnect.simulator.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
  * A self-signed server certificate for {@code localhost} / {@code 127.0.0.1} in a PKCS12 key store, and a
  * PKCS12 trust store holding only that certificate, both in a temporary directory. Made once per JVM with
  * the JDK's {@code keytool} (the JDK has no public API to issue a certificate), so every broker of a test
  * run presents the same certificate.
  */
public final class SelfSignedTls {

    private static final String PASSWORD = "push-test-secret";
    private static final String ALIAS = "broker";

    private static SelfSignedTls shared;

    private final Path keyStore;
    private final Path trustStore;

    private SelfSignedTls(Path keyStore, Path trustStore) {
        this.keyStore = keyStore;
        this.trustStore = trustStore;
    }

    public static synchronized SelfSignedTls shared() {
        if (shared == null) {
            shared = generate();
        }
        return shared;
    }

    /** The broker's key store (PKCS12). */
    public Path keyStore() {
        return keyStore;
    }

    /** The store a client trusts (PKCS12, the certificate only). */
    public Path trustStore() {
        return trustStore;
    }

    /** The password of both stores. */
    public String password() {
        return PASSWORD;
    }

    public String storeType() {
        return "PKCS12";
    }

    /** The qpid-jms transport options that make a client trust this certificate (host name checked). */
    public String qpidTrustOptions() {
        return "transport.trustStoreLocation=" + trustStore + "&transport.trustStorePassword=" + PASSWORD
                + "&transport.trustStoreType=" + storeType();
    }

    private static SelfSignedTls generate() {
        try {
            Path dir = Files.createTempDirectory("push-tls");
            dir.toFile().deleteOnExit();
            Path keyStore = dir.resolve("broker.p12");
            Path trustStore = dir.resolve("truststore.p12");
            runKeytool(List.of("-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-validity", "3650", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                    "-keypass", PASSWORD));
            writeTrustStore(keyStore, trustStore);
            keyStore.toFile().deleteOnExit();
            trustStore.toFile().deleteOnExit();
            return new SelfSignedTls(keyStore, trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the test trust store", e);
        }
    }

    private static void runKeytool(List<String> args) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new java.util.ArrayList<>();
        command.add(keytool.toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + new String(output, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new IOException("interrupted while waiting for keytool", e);
        }
    }

    private static void writeTrustStore(Path keyStorePath, Path trustStorePath)
            throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStorePath)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        Certificate certificate = keys.getCertificate(ALIAS);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(ALIAS, certificate);
        try (OutputStream out = Files.newOutputStream(trustStorePath)) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }
}
