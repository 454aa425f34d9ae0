package io.weir.deploy.packaging;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes on until {@code limit} of them have been read, then fails with {@link TooLarge} instead of reading
 * on: what makes a package's limits hold while it streams. Closing it does not close the stream underneath, which
 * may be one entry of an enclosing archive.
 */
final class LimitedInputStream extends FilterInputStream {

    /** More bytes than allowed: {@code what} names the part, e.g. "entry bundles/a.jar". */
    static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        TooLarge(String what, long limit) {
            super(what + " is larger than the limit of " + limit + " bytes");
        }
    }

    private final String what;
    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, String what, long limit) {
        super(in);
        this.what = what;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        // one byte past the limit is enough to know it is crossed; never ask for more
        int allowed = (int) Math.min(length, limit - count + 1);
        int n = super.read(buffer, offset, Math.max(1, allowed));
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    /** Skipped bytes are read and counted like any others. */
    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        int read = read(new byte[(int) Math.min(8192, n)]);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false; // a reset would count bytes twice
    }

    @Override
    public void close() {
        // the caller owns the stream underneath
    }

    long count() {
        return count;
    }

    private void counted(int n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge(what, limit);
        }
    }
}
