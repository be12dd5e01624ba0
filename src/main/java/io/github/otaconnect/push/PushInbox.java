package io.github.otaconnect.push;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands pushed messages from the AMQP client's thread to the task's scan thread, and wakes that thread when
 * one arrives (or when it must stop), so that a pushed change does not wait for the next poll.
 */
public final class PushInbox {

    private final List<PushDelivery> pending = new ArrayList<>();
    private boolean signalled;

    void add(PushDelivery delivery) {
        synchronized (this) {
            pending.add(delivery);
            signalled = true;
            notifyAll();
        }
    }

    /** Everything received since the last call, oldest first. */
    public synchronized List<PushDelivery> takeAll() {
        List<PushDelivery> taken = new ArrayList<>(pending);
        pending.clear();
        return taken;
    }

    public synchronized boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Wakes a thread in {@link #await}, for example to stop it. */
    public synchronized void wake() {
        signalled = true;
        notifyAll();
    }

    /**
     * Waits until a message arrives, {@link #wake} is called, or {@code timeout} passes, whichever is first.
     *
     * @return whether it was woken (as opposed to timing out)
     */
    public synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!signalled) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            long millis = Math.max(1, left / 1_000_000);
            wait(millis);
        }
        signalled = false;
        return true;
    }
}
