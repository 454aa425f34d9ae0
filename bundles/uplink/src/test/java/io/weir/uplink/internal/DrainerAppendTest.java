package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.weir.api.store.MessageClass;
import io.weir.testing.Patience;

/**
 * The drainer is told of appends, so an alarm, or the first reading after a connect, goes at once rather than at
 * its next look. Its idle wait here is an hour: whatever is sent in a test was sent because something woke it.
 */
class DrainerAppendTest {

    private static final Duration IDLE_WAIT = Duration.ofHours(1);

    private final FakeStore store = new FakeStore();
    private final AtomicLong nanos = new AtomicLong();
    private final List<String> topics = new CopyOnWriteArrayList<>();
    private final Publisher broker = new Publisher() {
        @Override
        public boolean isConnected() {
            return true;
        }

        @Override
        public void publish(String topic, byte[] payload, Consumer<Throwable> done) {
            topics.add(topic);
            done.accept(null);
        }
    };
    private final Drainer drainer = new Drainer(store, broker, new Envelopes(), new Topics("gw-test"),
            Clock.systemUTC(), 4, 10, 65_536, new RateLimit(0, nanos::get), nanos::get, IDLE_WAIT);
    private final Thread drainThread = new Thread(drainer, "drainer-under-test");

    @BeforeEach
    void start() {
        drainThread.start();
        drainer.connected();
    }

    @AfterEach
    void stop() throws InterruptedException {
        drainer.stop();
        drainThread.join(TimeUnit.SECONDS.toMillis(30));
    }

    private void append(MessageClass cls, boolean takenAtOnce) {
        store.add(cls, "{\"n\":" + topics.size() + "}");
        assertThat(drainer.appended(cls)).as("%s taken at once", cls).isEqualTo(takenAtOnce);
    }

    private void awaitSent(int n) {
        await().atMost(Patience.LOCAL).until(() -> topics.size() == n);
    }

    @Test
    void theFirstReadingAfterAConnectGoesAtOnceAndTheNextOnesGather() {
        append(MessageClass.TELEMETRY, true);
        awaitSent(1);

        append(MessageClass.TELEMETRY, false);
        append(MessageClass.TELEMETRY, false);

        drainer.connectionLost();
        drainer.connected(); // what gathered goes at once (a message each here)
        awaitSent(3);
        append(MessageClass.TELEMETRY, false); // something went on this connection already
        assertThat(topics).containsOnly("weir/v1/gw-test/telemetry");
    }

    @Test
    void anAlarmOrAnEventGoesAtOnceWhileReadingsGather() {
        append(MessageClass.TELEMETRY, true);
        awaitSent(1);

        append(MessageClass.TELEMETRY, false);
        append(MessageClass.ALARM, true);
        awaitSent(3); // the alarm's look takes the waiting reading too
        assertThat(topics).contains("weir/v1/gw-test/alarm");

        append(MessageClass.EVENT, true);
        awaitSent(4);
    }
}
