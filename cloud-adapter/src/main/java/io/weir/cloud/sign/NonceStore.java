package io.weir.cloud.sign;

import java.time.Instant;

/** Remembers the nonces of signed requests until they could no longer be accepted anyway. */
@FunctionalInterface
public interface NonceStore {

    /**
     * Records the nonce if it is new.
     *
     * @param expiresAt when the request's timestamp leaves the accepted window; the nonce may be forgotten after
     * @return true on first use, false for a replay
     */
    boolean firstUse(String nonce, Instant expiresAt);
}
