package io.chum.identity;

import io.chum.ChumException;
import io.chum.ErrorCode;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Builds the self-signed X.509 certificate that carries an instance's Ed25519 key through TLS.
 *
 * <p>The certificate is only a carrier: trust is bound to the key, never to names or dates, so a fresh
 * one on every start is fine. It uses BouncyCastle's builder with the JDK's own Ed25519 signature (no
 * provider is registered). Stateless; thread-safe.
 */
final class SelfSignedCertificate {
    /** Back-dated a day so that a peer whose clock is a little behind does not see a future certificate. */
    private static final Duration BACKDATE = Duration.ofDays(1);
    private static final Duration LIFETIME = Duration.ofDays(3653);
    private static final SecureRandom SERIALS = new SecureRandom();

    private SelfSignedCertificate() {
    }

    static X509Certificate create(final KeyPair ed25519, final PeerKey key) {
        final X500Name name = new X500Name("CN=chum-sync instance " + key.shortHex());
        final Instant now = Instant.now();
        final X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                new BigInteger(63, SERIALS).add(BigInteger.ONE),
                Date.from(now.minus(BACKDATE)), Date.from(now.plus(LIFETIME)), name, ed25519.getPublic());
        try {
            final ContentSigner signer = new JcaContentSignerBuilder("Ed25519").build(ed25519.getPrivate());
            final X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            cert.verify(ed25519.getPublic());
            return cert;
        } catch (final OperatorCreationException | GeneralSecurityException e) {
            throw new ChumException(ErrorCode.TLS, "cannot create the self-signed Ed25519 certificate for "
                    + key.shortHex() + ": " + e.getMessage(), e);
        }
    }
}
