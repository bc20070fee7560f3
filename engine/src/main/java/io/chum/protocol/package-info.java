/**
 * The chum wire protocol, version {@link io.chum.protocol.ChumProtocol#PROTOCOL_VERSION}: the messages two peers
 * exchange over one connection and their binary codec.
 *
 * <p>Each message is an immutable record implementing the sealed {@link io.chum.protocol.Message}. The
 * {@link io.chum.protocol.MessageCodec} maps a message to a frame type byte ({@link io.chum.protocol.MessageType})
 * and a payload, and back; it knows nothing about framing, connections or sessions. Decoding is strict and safe
 * against a malicious peer: whatever the bytes, it returns a message or throws a
 * {@link io.chum.ChumException} with code {@code CS-PROTOCOL}. The full protocol is described in
 * {@code docs/protocol.md}.
 */
package io.chum.protocol;
