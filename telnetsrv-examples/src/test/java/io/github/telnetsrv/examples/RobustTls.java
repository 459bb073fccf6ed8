package io.github.telnetsrv.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for the robustness suite: one context with a self-signed certificate for 127.0.0.1, made once per JVM by
 * the running JDK's keytool (the context both serves and trusts it), and a real ClientHello for probes.
 */
final class RobustTls {

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static SSLContext context;

    private RobustTls() {
    }

    /** The shared context, made on first use. */
    static SSLContext context() throws Exception {
        LOCK.lock();
        try {
            if (context == null) {
                context = selfSigned();
            }
            return context;
        } finally {
            LOCK.unlock();
        }
    }

    /** The first TLS record a client of {@link #context()} sends: its ClientHello. */
    static byte[] clientHello() throws Exception {
        SSLEngine engine = context().createSSLEngine("127.0.0.1", 8023);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] hello = Arrays.copyOf(out.array(), out.limit());
        if (hello.length < 5 || hello[0] != 0x16) {
            throw new IllegalStateException("not a TLS handshake record: " + hello.length + " bytes");
        }
        return hello;
    }

    private static SSLContext selfSigned() throws Exception {
        Path dir = Files.createTempDirectory("robust-tls");
        Path store = dir.resolve("server.p12");
        try {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Path keytool = Path.of(java).resolveSibling("keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", "robust", "-keypass", "robust",
                    "-ext", "SAN=ip:127.0.0.1")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, "robust".toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "robust".toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(keys);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return tls;
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }
}
