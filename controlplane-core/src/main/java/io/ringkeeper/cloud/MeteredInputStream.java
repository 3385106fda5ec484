package io.ringkeeper.cloud;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An input stream that moves under a {@link Transfer}: cancellation before each read, progress and the throttle after. */
public final class MeteredInputStream extends FilterInputStream {
    private final Transfer transfer;

    public MeteredInputStream(InputStream in, Transfer transfer) {
        super(in);
        this.transfer = transfer;
    }

    @Override
    public int read() throws IOException {
        transfer.checkCancelled();
        int b = super.read();
        if (b >= 0) {
            transfer.moved(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        transfer.checkCancelled();
        int n = super.read(buf, off, len);
        transfer.moved(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(n); // skipped bytes are not moved
    }
}
