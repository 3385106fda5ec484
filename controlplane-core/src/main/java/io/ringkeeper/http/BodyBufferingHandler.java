package io.ringkeeper.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request's whole body before any request thread sees it, without holding a thread meanwhile (the body
 * arrives through Jetty's asynchronous reads), and within a deadline for the whole body. Jersey reads bodies with
 * blocking reads: without this, a few clients that send headers and then trickle or stall their body each hold a
 * request thread until the idle timeout (or forever, if a byte comes now and then), and about {@code http.threads}
 * of them stop everything else, health checks included. Here a stalled body costs a buffer and a timer, and ends in
 * 408 with the connection closed. Requests without a body pass straight through.
 *
 * <p>Runs after the size limit ({@link org.eclipse.jetty.server.handler.SizeLimitHandler}), so a buffer never grows
 * past {@code http.max_request_bytes}.
 */
final class BodyBufferingHandler extends Handler.Wrapper {
    private final Duration deadline;
    private final int maxBytes;

    BodyBufferingHandler(Handler next, Duration deadline, long maxBytes) {
        super(next);
        this.deadline = deadline;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hasBody(request)) {
            return super.handle(request, response, callback);
        }
        CompletableFuture<byte[]> body = Content.Source.asByteArrayAsync(request, maxBytes);
        Scheduler scheduler = request.getComponents().getScheduler();
        Scheduler.Task timer = scheduler.schedule(() -> body.completeExceptionally(new TimeoutException()),
                deadline.toMillis(), TimeUnit.MILLISECONDS);
        AtomicBoolean once = new AtomicBoolean();
        body.whenComplete((bytes, failure) -> {
            if (!once.compareAndSet(false, true)) {
                return;
            }
            timer.cancel();
            if (failure != null) {
                refuse(request, response, callback, failure);
                return;
            }
            dispatch(new Buffered(request, bytes), response, callback);
        });
        return true;
    }

    private void dispatch(Request buffered, Response response, Callback callback) {
        try {
            if (!super.handle(buffered, response, callback)) {
                Response.writeError(buffered, response, callback, 404);
            }
        } catch (Throwable t) {
            callback.failed(t);
        }
    }

    private void refuse(Request request, Response response, Callback callback, Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            // The rest of the body may still be on its way: this connection is done either way.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            request.fail(cause);
            Response.writeError(request, response, callback, 408);
            return;
        }
        if (cause instanceof org.eclipse.jetty.http.HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
            Response.writeError(request, response, callback, h.getCode());
            return;
        }
        if (cause instanceof IllegalArgumentException) {
            Response.writeError(request, response, callback, 413); // over maxBytes
            return;
        }
        // The client went away or sent a broken body: nobody to answer, or a 400 it may still read.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Response.writeError(request, response, callback, 400, "the request body ended early or was malformed");
    }

    private static boolean hasBody(Request request) {
        long length = request.getLength();
        return length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /** The request with its body already read: one chunk, then the end. */
    private static final class Buffered extends Request.Wrapper {
        private Content.Chunk chunk;

        Buffered(Request request, byte[] body) {
            super(request);
            this.chunk = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public synchronized Content.Chunk read() {
            Content.Chunk c = chunk;
            chunk = Content.Chunk.EOF;
            return c;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public boolean consumeAvailable() {
            read();
            return true;
        }
    }
}
