package io.weir.modbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.weir.testing.Patience;

/** Many links on a few shared threads: one at a time per link, and a hung link holds up only itself. */
class PollThreadsTest {

    private static final Duration POLL = Duration.ofMillis(200);

    private final PollThreads threads = new PollThreads(1);
    private final PollThreads fourThreads = new PollThreads(4);
    private final CountDownLatch silentDeviceAnswers = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        silentDeviceAnswers.countDown();
        threads.shutdown();
        fourThreads.shutdown();
    }

    @Test
    void aHundredLinksPollOnAFewThreadsAndOneThatHangsDoesNotHoldUpTheOthers() {
        Set<Thread> pollThreads = ConcurrentHashMap.newKeySet();
        var hung = new CountDownLatch(1);
        var silent = new Endpoint("silent", new FakeTransport(null), threads.newLink());
        silent.every(POLL, () -> {
            hung.countDown();
            awaitQuietly(silentDeviceAnswers); // a device that never answers, and a timeout that never comes
        });
        List<AtomicInteger> pollsWhileHung = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            var polls = new AtomicInteger();
            pollsWhileHung.add(polls);
            new Endpoint("link " + i, new FakeTransport(null), threads.newLink()).every(POLL, () -> {
                pollThreads.add(Thread.currentThread());
                if (hung.getCount() == 0) {
                    polls.incrementAndGet();
                }
            });
        }

        // the only worker there was is held by the silent link: the others' polls go on, on a worker started for them
        await().atMost(Patience.LOCAL).until(() -> pollsWhileHung.stream().allMatch(polls -> polls.get() >= 3));
        assertThat(silentDeviceAnswers.getCount()).isOne();
        assertThat(pollThreads).hasSizeLessThanOrEqualTo(10);
        assertThat(threads.workers()).isLessThanOrEqualTo(10);
    }

    @Test
    void aLinksTasksRunOneAtATimeInTheOrderTheyWereGiven() throws Exception {
        var link = fourThreads.newLink();
        var order = new CopyOnWriteArrayList<Integer>();
        var inside = new AtomicInteger();
        var overlapped = new AtomicInteger();
        for (int i = 0; i < 200; i++) {
            int task = i;
            link.execute(() -> {
                if (inside.incrementAndGet() > 1) {
                    overlapped.incrementAndGet();
                }
                order.add(task);
                inside.decrementAndGet();
            });
        }
        link.shutdown();

        assertThat(link.awaitTermination(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(order).hasSize(200).isSorted();
        assertThat(overlapped).hasValue(0);
    }

    @Test
    void aStoppedLinkRunsWhatIsDueAndDropsWhatIsNot() throws Exception {
        var link = threads.newLink();
        var ran = new CopyOnWriteArrayList<String>();
        link.schedule(() -> ran.add("an hour from now"), 1, TimeUnit.HOURS);
        link.execute(() -> ran.add("close the link"));
        link.shutdown();

        assertThat(link.awaitTermination(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(ran).containsExactly("close the link");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(Patience.LOCAL.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
