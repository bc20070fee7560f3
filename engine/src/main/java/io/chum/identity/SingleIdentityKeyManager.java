package io.chum.identity;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A key manager that always presents the one instance certificate, whatever issuers the peer names
 * (self-signed certificates have no issuer a peer could know). It offers it only for the key types of
 * Ed25519, so JSSE never tries to use it for a signature scheme it cannot make. Immutable; thread-safe.
 */
final class SingleIdentityKeyManager extends X509ExtendedKeyManager {
    static final String ALIAS = "chum-instance";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    SingleIdentityKeyManager(final X509Certificate certificate, final PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    private boolean offersKeyType(final String keyType) {
        return keyType != null && (keyType.equalsIgnoreCase("EdDSA") || keyType.equalsIgnoreCase("Ed25519")
                || keyType.equalsIgnoreCase(privateKey.getAlgorithm()));
    }

    private String aliasForAny(final String[] keyTypes) {
        if (keyTypes != null) {
            for (final String keyType : keyTypes) {
                if (offersKeyType(keyType)) {
                    return ALIAS;
                }
            }
        }
        return null;
    }

    @Override
    public String[] getClientAliases(final String keyType, final Principal[] issuers) {
        return offersKeyType(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(final String[] keyTypes, final Principal[] issuers, final Socket socket) {
        return aliasForAny(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(final String[] keyTypes, final Principal[] issuers, final SSLEngine engine) {
        return aliasForAny(keyTypes);
    }

    @Override
    public String[] getServerAliases(final String keyType, final Principal[] issuers) {
        return offersKeyType(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(final String keyType, final Principal[] issuers, final Socket socket) {
        return offersKeyType(keyType) ? ALIAS : null;
    }

    @Override
    public String chooseEngineServerAlias(final String keyType, final Principal[] issuers, final SSLEngine engine) {
        return offersKeyType(keyType) ? ALIAS : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(final String alias) {
        return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
    }

    @Override
    public PrivateKey getPrivateKey(final String alias) {
        return ALIAS.equals(alias) ? privateKey : null;
    }
}
