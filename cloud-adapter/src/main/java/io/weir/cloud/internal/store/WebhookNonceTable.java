package io.weir.cloud.internal.store;

import io.weir.cloud.sign.NonceStore;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;

/**
 * The county webhook's nonces in the database, so a replay is refused by every adapter instance and after a restart.
 * The primary key settles a race between two instances; rows go once their request's timestamp is out of the
 * window, so the table holds at most one window's worth of webhooks.
 */
public final class WebhookNonceTable implements NonceStore {
    private static final String INSERT = "INSERT INTO webhook_nonce (nonce, expires_at) VALUES (?, ?) "
            + "ON CONFLICT (nonce) DO NOTHING";
    private static final String PURGE = "DELETE FROM webhook_nonce WHERE expires_at < ?";

    private final Transactor transactor;
    private final Clock clock;

    public WebhookNonceTable(Transactor transactor, Clock clock) {
        this.transactor = transactor;
        this.clock = clock;
    }

    @Override
    public boolean firstUse(String nonce, Instant expiresAt) {
        return transactor.write(c -> {
            try (PreparedStatement purge = c.prepareStatement(PURGE)) {
                purge.setLong(1, clock.millis());
                purge.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setString(1, nonce);
                s.setLong(2, expiresAt.toEpochMilli());
                return s.executeUpdate() == 1;
            }
        });
    }
}
