package io.chum.identity;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.chum.ChumException;
import io.chum.ErrorCode;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(30)
class TlsConfigTest {
    private final SelfSignedEd25519TrustManager trust = new SelfSignedEd25519TrustManager();

    private static X509Certificate certificate(final KeyPair subject, final KeyPair signer, final String algorithm,
                                               final String subjectName, final String issuerName) throws Exception {
        final long now = System.currentTimeMillis();
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name(issuerName), BigInteger.TEN, new Date(now - 1000), new Date(now + 86_400_000L),
                new X500Name(subjectName), subject.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    }

    @Test
    void shouldPresentASelfSignedEd25519CertificateForTheInstanceKey() throws Exception {
        final InstanceKeys keys = InstanceKeys.generate();
        final TlsConfig tls = TlsConfig.create(keys);
        final X509Certificate cert = tls.certificate();
        assertEquals(keys.peerKey(), PeerKey.fromPublicKey(cert.getPublicKey()));
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        cert.verify(cert.getPublicKey());
        cert.checkValidity();
        assertEquals(keys.peerKey(), tls.localKey());
        assertEquals("TLSv1.3", tls.sslContext().getProtocol());
        assertNotNull(tls.sslContext().getSocketFactory());
        assertDoesNotThrow(() -> trust.checkClientTrusted(new X509Certificate[] {cert}, "EdDSA"));
        assertDoesNotThrow(() -> trust.checkServerTrusted(new X509Certificate[] {cert}, "EdDSA"));
        assertEquals(0, trust.getAcceptedIssuers().length);
    }

    @Test
    void shouldRefuseCertificatesThatAreNotOneSelfSignedEd25519Certificate() throws Exception {
        final KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final KeyPair otherEd = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final KeyPair ec = KeyPairGenerator.getInstance("EC").generateKeyPair();
        final X509Certificate good = certificate(ed, ed, "Ed25519", "CN=a", "CN=a");

        final X509Certificate ecdsa = certificate(ec, ec, "SHA256withECDSA", "CN=a", "CN=a");
        final X509Certificate signedByAnother = certificate(ed, otherEd, "Ed25519", "CN=a", "CN=a");
        final X509Certificate issuedByAnother = certificate(ed, ed, "Ed25519", "CN=a", "CN=b");
        for (final X509Certificate[] chain : new X509Certificate[][] {
            {ecdsa}, {signedByAnother}, {issuedByAnother}, {good, good}, {}, null,
        }) {
            final CertificateException e = assertThrows(CertificateException.class,
                    () -> trust.checkClientTrusted(chain, "EdDSA"));
            assertNotNull(e.getMessage());
        }
        trust.checkServerTrusted(new X509Certificate[] {good}, "EdDSA");
    }

    @Test
    void shouldMakeAFreshCertificateForEachConfiguration() {
        final InstanceKeys keys = InstanceKeys.generate();
        final X509Certificate first = TlsConfig.create(keys).certificate();
        final X509Certificate second = TlsConfig.create(keys).certificate();
        assertTrue(!first.getSerialNumber().equals(second.getSerialNumber()));
        assertEquals(first.getPublicKey(), second.getPublicKey());
    }

    @Test
    void shouldSaveTheInstanceCertificateOnceAndPresentItFromThenOn(@TempDir final Path dir) throws Exception {
        final InstanceKeys keys = InstanceKeys.generate();
        keys.save(dir);
        final X509Certificate made = TlsConfig.forInstance(dir, keys).certificate();
        final Path file = dir.resolve(TlsConfig.CERTIFICATE_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        final X509Certificate read = TlsConfig.forInstance(dir, InstanceKeys.load(dir)).certificate();
        assertEquals(made, read);
        trust.checkClientTrusted(new X509Certificate[] {read}, "EdDSA");
    }

    @Test
    void shouldRefuseASavedCertificateOfAnotherKey(@TempDir final Path dir) throws Exception {
        final InstanceKeys keys = InstanceKeys.generate();
        keys.save(dir.resolve("mine"));
        final InstanceKeys other = InstanceKeys.generate();
        other.save(dir.resolve("other"));
        TlsConfig.forInstance(dir.resolve("other"), other);
        Files.copy(dir.resolve("other").resolve(TlsConfig.CERTIFICATE_FILE),
                dir.resolve("mine").resolve(TlsConfig.CERTIFICATE_FILE));

        final ChumException e = assertThrows(ChumException.class, () -> TlsConfig.forInstance(dir.resolve("mine"), keys));
        assertEquals(ErrorCode.KEY_FILE, e.errorCode());
        assertTrue(e.getMessage().contains("for another key"), e.getMessage());
    }
}
