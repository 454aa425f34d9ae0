package io.weir.uplink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.weir.api.store.MessageClass;
import io.weir.testing.Patience;

/**
 * PUBACKs are confirmed in the store in batches: once {@code maxInFlight} of them are gathered or the oldest has
 * waited {@link Drainer#CONFIRM_DELAY_NANOS}. The broker here is a scripted publisher the test acknowledges by hand,
 * and the drainer's clock is the test's, so what is due is decided by the test, not by timing.
 */
class DrainerConfirmTest {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final int MAX_IN_FLIGHT = 3;

    private final FakeStore store = new FakeStore();
    private final ScriptedBroker broker = new ScriptedBroker();
    private final AtomicLong nanos = new AtomicLong();
    private final Drainer drainer = new Drainer(store, broker, new Envelopes(), new Topics("gw-test"),
            Clock.systemUTC(), MAX_IN_FLIGHT, 10, 65_536, new RateLimit(0, nanos::get), nanos::get,
            Drainer.IDLE_WAIT);
    private final Thread drainThread = new Thread(drainer, "drainer-under-test");

    /** Publishes nothing anywhere: keeps each message's sequence and completion until the test acknowledges it. */
    private static final class ScriptedBroker implements Publisher {
        private record Sent(long seq, Consumer<Throwable> done) {
        }

        private final List<Sent> sent = new ArrayList<>();
        private volatile boolean connected = true;

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public synchronized void publish(String topic, byte[] payload, Consumer<Throwable> done) {
            Matcher m = SEQ.matcher(new String(payload, StandardCharsets.UTF_8));
            assertThat(m.find()).isTrue();
            sent.add(new Sent(Long.parseLong(m.group(1)), done));
        }

        synchronized List<Long> sentSeqs() {
            return sent.stream().map(Sent::seq).toList();
        }

        /** The PUBACK of the {@code index}-th publish (0 first). */
        void acknowledge(int index) {
            Sent s;
            synchronized (this) {
                s = sent.get(index);
            }
            s.done().accept(null);
        }
    }

    private void storeMessages(int n) {
        for (int i = 0; i < n; i++) {
            store.add(MessageClass.TELEMETRY, "{\"n\":" + i + "}");
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        drainer.stop();
        drainThread.join();
    }

    @Test
    void acknowledgementsAreConfirmedTogetherWhenMaxInFlightGatherOrTheOldestHasWaited() {
        storeMessages(6);
        drainThread.start();
        await().atMost(Patience.LOCAL).until(() -> broker.sentSeqs().size() == MAX_IN_FLIGHT);

        broker.acknowledge(0);
        broker.acknowledge(1);
        // Room for two more: they go out, and the drainer passed its confirm check on the way (not due yet).
        await().atMost(Patience.LOCAL).until(() -> broker.sentSeqs().size() == 5);
        assertThat(store.confirmCalls()).isEmpty();

        broker.acknowledge(2);
        await().atMost(Patience.LOCAL).until(() -> store.confirmCalls().size() == 1);
        assertThat(store.confirmCalls()).containsExactly(List.of(1L, 2L, 3L));

        broker.acknowledge(3);
        nanos.addAndGet(Drainer.CONFIRM_DELAY_NANOS);
        drainer.nudge();
        await().atMost(Patience.LOCAL).until(() -> store.confirmCalls().size() == 2);
        assertThat(store.confirmCalls().get(1)).containsExactly(4L);
    }

    @Test
    void acknowledgedButUnconfirmedMessagesStayDoneAcrossADroppedConnectionAndNoneIsLost() {
        storeMessages(3);
        drainThread.start();
        await().atMost(Patience.LOCAL).until(() -> broker.sentSeqs().size() == 3);
        broker.acknowledge(0);
        broker.acknowledge(1);

        broker.connected = false;
        drainer.connectionLost(); // message 3 was not acknowledged: it goes back to the store
        assertThat(store.confirmed()).isEmpty();
        broker.connected = true;
        drainer.nudge();
        await().atMost(Patience.LOCAL).until(() -> broker.sentSeqs().size() == 4);
        assertThat(broker.sentSeqs()).containsExactly(1L, 2L, 3L, 3L);

        broker.acknowledge(3);
        await().atMost(Patience.LOCAL).until(() -> store.pending() == 0);
        assertThat(store.confirmed()).containsExactly(1L, 2L, 3L);
        assertThat(store.confirmCalls()).containsExactly(List.of(1L, 2L, 3L));
    }

    @Test
    void stoppingConfirmsWhatWasAcknowledged() throws InterruptedException {
        storeMessages(2);
        drainThread.start();
        await().atMost(Patience.LOCAL).until(() -> broker.sentSeqs().size() == 2);
        broker.acknowledge(0);

        drainer.stop();
        drainThread.join();

        assertThat(store.confirmed()).containsExactly(1L);
    }
}
