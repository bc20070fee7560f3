package io.chum.identity;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * TLS 1.3 with mutual authentication for one instance: a self-signed certificate for the instance's
 * Ed25519 key (saved with the keys by {@link #forInstance}, or fresh from {@link #create}), a key manager that always presents it, and a trust manager that accepts any
 * well-formed self-signed Ed25519 certificate.
 *
 * <p>The handshake proves that each side holds the private key of the key it presents; which keys are
 * trusted is decided afterwards by the application from {@link #peerKeyOf(SSLSession)}. Only
 * {@value #PROTOCOL} is enabled; servers require a client certificate. No host-name verification is
 * done: peers are identified by key, not by name.
 *
 * <p>Immutable after {@link #create}; thread-safe. One instance serves any number of sockets.
 */
public final class TlsConfig {
    /** The only TLS version chum-sync speaks. */
    public static final String PROTOCOL = "TLSv1.3";
    /** File name of the instance's self-signed certificate inside the private directory. */
    public static final String CERTIFICATE_FILE = "tls-certificate.pem";

    private static final String[] PROTOCOLS = {PROTOCOL};

    private final SSLContext sslContext;
    private final X509Certificate certificate;
    private final PeerKey localKey;

    private TlsConfig(final SSLContext sslContext, final X509Certificate certificate, final PeerKey localKey) {
        this.sslContext = sslContext;
        this.certificate = certificate;
        this.localKey = localKey;
    }

    /** A configuration presenting {@code keys}' Ed25519 key in a freshly made certificate. */
    public static TlsConfig create(final InstanceKeys keys) {
        return withCertificate(keys, SelfSignedCertificate.create(keys.signKeyPair(), keys.peerKey()));
    }

    /**
     * The configuration of the instance whose keys are saved in {@code privateDir}: it presents the
     * certificate saved there, which is made and saved (owner-only) the first time. Reading it needs only
     * the JDK; making it needs BouncyCastle, whose signed jar costs a noticeable part of a command's start.
     *
     * @throws ChumException KEY_FILE if the saved certificate is malformed, readable by others, or not a
     *                       self-signed certificate of these keys
     */
    public static TlsConfig forInstance(final Path privateDir, final InstanceKeys keys) {
        final Path file = privateDir.resolve(CERTIFICATE_FILE);
        if (!Files.exists(file)) {
            final X509Certificate fresh = SelfSignedCertificate.create(keys.signKeyPair(), keys.peerKey());
            try {
                InstanceKeys.writeOwnerOnly(file, InstanceKeys.pem("CERTIFICATE", encoded(fresh)));
                return withCertificate(keys, fresh);
            } catch (final ChumException e) {
                if (e.errorCode() != ErrorCode.KEY_FILE) {
                    throw e;
                }
                // Another process saved one first: use that, so that every process presents the same one.
            }
        }
        return withCertificate(keys, readCertificate(file, keys));
    }

    private static X509Certificate readCertificate(final Path file, final InstanceKeys keys) {
        final byte[] der = InstanceKeys.readPem(file, "CERTIFICATE", "certificate");
        final X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            SelfSignedEd25519TrustManager.checkSelfSignedEd25519(new X509Certificate[] {cert});
        } catch (final CertificateException | ClassCastException e) {
            throw new ChumException(ErrorCode.KEY_FILE, "malformed certificate in " + file + ": " + e.getMessage(), e);
        }
        if (!PeerKey.fromPublicKey(cert.getPublicKey()).equals(keys.peerKey())) {
            throw new ChumException(ErrorCode.KEY_FILE, "the certificate in " + file + " is for another key ("
                    + PeerKey.fromPublicKey(cert.getPublicKey()).shortHex() + ", this instance has "
                    + keys.peerKey().shortHex() + "); delete it and a new one is made");
        }
        return cert;
    }

    private static byte[] encoded(final X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (final CertificateException e) {
            throw new ChumException(ErrorCode.TLS, "cannot encode the certificate: " + e.getMessage(), e);
        }
    }

    private static TlsConfig withCertificate(final InstanceKeys keys, final X509Certificate cert) {
        try {
            final SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(new KeyManager[] {new SingleIdentityKeyManager(cert, keys.signKeyPair().getPrivate())},
                    new TrustManager[] {new SelfSignedEd25519TrustManager()}, new SecureRandom());
            return new TlsConfig(context, cert, keys.peerKey());
        } catch (final GeneralSecurityException e) {
            throw new ChumException(ErrorCode.TLS, "JDK cannot set up " + PROTOCOL + ": " + e.getMessage(), e);
        }
    }

    /** The SSL context (TLS 1.3, this instance's identity, the self-signed Ed25519 trust manager). */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** The certificate this instance presents. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** This instance's own key, as peers will see it. */
    public PeerKey localKey() {
        return localKey;
    }

    /**
     * Layers a client-mode TLS socket over a connected TCP socket (closing the TLS socket closes it).
     * The handshake has not started yet.
     */
    public SSLSocket clientSocket(final Socket connected, final String host, final int port) throws IOException {
        final SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory().createSocket(connected, host, port, true);
        ssl.setUseClientMode(true);
        configure(ssl, false);
        return ssl;
    }

    /**
     * Layers a server-mode TLS socket, which requires a client certificate, over an accepted TCP socket
     * (closing the TLS socket closes it). The handshake has not started yet.
     */
    public SSLSocket serverSocket(final Socket accepted) throws IOException {
        final SSLSocket ssl = (SSLSocket) sslContext.getSocketFactory().createSocket(accepted,
                accepted.getInetAddress().getHostAddress(), accepted.getPort(), true);
        ssl.setUseClientMode(false);
        configure(ssl, true);
        return ssl;
    }

    private static void configure(final SSLSocket ssl, final boolean server) {
        final SSLParameters params = ssl.getSSLParameters();
        params.setProtocols(PROTOCOLS.clone());
        params.setEndpointIdentificationAlgorithm(null);
        if (server) {
            params.setNeedClientAuth(true);
        }
        ssl.setSSLParameters(params);
    }

    /**
     * The authenticated key of the peer of a completed handshake.
     *
     * @throws ChumException TLS if the session is not TLS 1.3 or has no acceptable peer certificate
     */
    public static PeerKey peerKeyOf(final SSLSession session) {
        if (!PROTOCOL.equals(session.getProtocol())) {
            throw new ChumException(ErrorCode.TLS, "negotiated " + session.getProtocol() + ", only " + PROTOCOL
                    + " is allowed");
        }
        final Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (final SSLPeerUnverifiedException e) {
            throw new ChumException(ErrorCode.TLS, "peer presented no certificate: " + e.getMessage(), e);
        }
        if (chain.length != 1 || !(chain[0] instanceof X509Certificate)) {
            throw new ChumException(ErrorCode.TLS, "peer presented " + chain.length
                    + " certificates; expected one self-signed X.509 certificate");
        }
        final X509Certificate cert = (X509Certificate) chain[0];
        try {
            SelfSignedEd25519TrustManager.checkSelfSignedEd25519(new X509Certificate[] {cert});
        } catch (final CertificateException e) {
            throw new ChumException(ErrorCode.TLS, "peer certificate refused: " + e.getMessage(), e);
        }
        return PeerKey.fromPublicKey(cert.getPublicKey());
    }
}
