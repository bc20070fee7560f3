/**
 * Framing and connections below the chum protocol.
 *
 * <p>Wire format of every frame: {@code [u32 length of (type byte + payload)][u8 type][payload]},
 * big-endian. Frame type {@code 0} is reserved for transport keep-alives, which never reach
 * {@link io.chum.transport.Connection#receive}; the protocol uses types 1..255.
 *
 * <p>Two transports implement {@link io.chum.transport.Connection}: an in-process pair
 * ({@link io.chum.transport.InProcessTransport}) and TCP with TLS 1.3 and mutual authentication
 * ({@link io.chum.transport.TcpTransport}, {@link io.chum.transport.TcpServer}).
 */
package io.chum.transport;
