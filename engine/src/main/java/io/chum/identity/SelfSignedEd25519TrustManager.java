package io.chum.identity;

import io.chum.ChumException;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts exactly one well-formed self-signed certificate carrying an Ed25519 key, and nothing else.
 *
 * <p>It deliberately does not decide trust: the handshake's CertificateVerify proves that the peer holds
 * the private key, and the application decides after the handshake whether that key is one it trusts
 * (see {@link TlsConfig#peerKeyOf}). Validity dates are not checked: the certificate only carries the key,
 * a peer can mint a new one at will, and dates would only add clock-skew failures. Stateless; thread-safe.
 */
final class SelfSignedEd25519TrustManager extends X509ExtendedTrustManager {
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    static void checkSelfSignedEd25519(final X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length != 1) {
            throw new CertificateException("expected exactly one self-signed certificate, got "
                    + (chain == null ? "none" : chain.length));
        }
        final X509Certificate cert = chain[0];
        final PublicKey key = cert.getPublicKey();
        try {
            PeerKey.fromPublicKey(key);
        } catch (final ChumException e) {
            throw new CertificateException("certificate key is not Ed25519: " + e.reason(), e);
        }
        if (!cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            throw new CertificateException("certificate is not self-issued: subject " + cert.getSubjectX500Principal()
                    + ", issuer " + cert.getIssuerX500Principal());
        }
        try {
            cert.verify(key);
        } catch (final GeneralSecurityException e) {
            throw new CertificateException("self-signature of the certificate does not verify: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType) throws CertificateException {
        checkSelfSignedEd25519(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType) throws CertificateException {
        checkSelfSignedEd25519(chain);
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
            throws CertificateException {
        checkSelfSignedEd25519(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType, final Socket socket)
            throws CertificateException {
        checkSelfSignedEd25519(chain);
    }

    @Override
    public void checkClientTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
            throws CertificateException {
        checkSelfSignedEd25519(chain);
    }

    @Override
    public void checkServerTrusted(final X509Certificate[] chain, final String authType, final SSLEngine engine)
            throws CertificateException {
        checkSelfSignedEd25519(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS.clone();
    }
}
