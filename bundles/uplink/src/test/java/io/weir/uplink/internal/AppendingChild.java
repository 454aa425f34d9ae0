package io.weir.uplink.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.weir.api.store.MessageClass;
import io.weir.store.internal.SqliteOutbox;

/**
 * The process the crash test kills: several threads append batches of ten readings as fast as group commit lets
 * them, and one thread takes messages it never confirms (in flight at the kill). After each append returns, the
 * batch's first id is printed and flushed: the parent's proof that the append was acknowledged.
 */
public final class AppendingChild {

    private AppendingChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String run = args[1];
        int threads = Integer.parseInt(args[2]);
        PrintStream out = System.out;
        SqliteOutbox store = SqliteOutbox.open(file);
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            String prefix = run + "-" + t + "-";
            Thread w = new Thread(() -> {
                for (int i = 0; ; i++) {
                    var batch = new ArrayList<String>(10);
                    for (int k = 0; k < 10; k++) {
                        batch.add("{\"id\":\"" + prefix + i + "-" + k + "\"}");
                    }
                    store.append(MessageClass.TELEMETRY, batch);
                    synchronized (out) {
                        out.println(prefix + i);
                        out.flush();
                    }
                }
            });
            w.start();
            workers.add(w);
        }
        Thread taker = new Thread(() -> {
            for (int i = 0; ; i++) {
                store.take(25 + i % 50);
            }
        });
        taker.start();
        workers.get(0).join();
    }

    /** The ids of the batch an acknowledgement line names. */
    static List<String> ids(String ack) {
        var ids = new ArrayList<String>(10);
        for (int k = 0; k < 10; k++) {
            ids.add(ack + "-" + k);
        }
        return ids;
    }
}
