/**
 * Instance identity and TLS: the instance's Ed25519 (signing, TLS identity) and X25519 (ONE box) key
 * pairs, the {@link io.chum.identity.PeerKey} of a remote instance, and the TLS 1.3 configuration with
 * mutual authentication by self-signed Ed25519 certificates.
 *
 * <p>The TLS handshake only proves that the peer holds the private key of the public key it presents.
 * Whether that key is trusted, and whose person it is, is decided by the application after the
 * handshake, so that a refused peer can be told why in a coded error frame.
 */
package io.chum.identity;
