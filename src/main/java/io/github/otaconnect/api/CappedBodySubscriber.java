package io.github.otaconnect.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body but stops reading, and cancels the exchange, as soon as it exceeds the cap (or
 * when the declared {@code Content-Length} already does). So an endless or huge body costs at most the cap
 * plus one network chunk of memory.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** Signals an oversized body through the exchange's future; mapped to {@link InvalidResponseException}. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long cap) {
            super("response body exceeds " + cap + " bytes");
        }
    }

    private final int cap;
    private final long declaredLength;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;

    /** @param declaredLength the {@code Content-Length}, or -1 when unknown (chunked) */
    CappedBodySubscriber(int cap, long declaredLength) {
        this.cap = cap;
        this.declaredLength = declaredLength;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredLength > cap) {
            fail(new BodyTooLargeException(cap));
            return;
        }
        // the buffer grows only up to the cap, so there is no reason to apply back-pressure
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int n = item.remaining();
            if ((long) buffer.size() + n > cap) {
                fail(new BodyTooLargeException(cap));
                return;
            }
            byte[] chunk = new byte[n];
            item.get(chunk);
            buffer.write(chunk, 0, n);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Stops reading, e.g. after the caller gave up waiting. */
    void abandon() {
        fail(new IOException("response body abandoned"));
    }

    private void fail(IOException e) {
        result.completeExceptionally(e);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
