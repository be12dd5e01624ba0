package io.github.otaconnect.api;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The vendor's quota as the gateway counts it: at most N calls of one action in any sliding second. A
 * token bucket alone spaces the calls it sends evenly, but the gateway counts arrivals, and latency jitter
 * can bring 11 of them into one second; every such call is throttled and costs a backoff. So a call may
 * start only one second after the call N places before it has completed: the gateway received that one
 * before it answered, and receives this one after it is sent, so the two can never share a second. The
 * cost is one round trip per N calls, a few percent of the budget on a normal link, and no throttling.
 */
final class CallWindow {

    private static final long WINDOW_NANOS = Duration.ofSeconds(1).toNanos();
    /** How often a caller checks again while the call it waits for is still in flight (several threads). */
    private static final Duration IN_FLIGHT_POLL = Duration.ofMillis(1);
    private static final long IN_FLIGHT = Long.MAX_VALUE;

    /** Per slot: which call last used it, and when that call ended ({@link #IN_FLIGHT} while it runs). */
    private final long[] tickets;
    private final long[] completions;
    private final LongSupplier ticker;
    private final Sleeper sleeper;
    private long issued;

    /** @param callsPerWindow N, the most calls allowed in one second (at least 1) */
    CallWindow(int callsPerWindow, LongSupplier ticker, Sleeper sleeper) {
        int size = Math.max(1, callsPerWindow);
        this.tickets = new long[size];
        this.completions = new long[size];
        for (int slot = 0; slot < size; slot++) {
            tickets[slot] = slot - (long) size;
            completions[slot] = ticker.getAsLong() - WINDOW_NANOS;
        }
        this.ticker = ticker;
        this.sleeper = sleeper;
    }

    /** The window that keeps a limiter of this rate within the gateway's count: floor(rate) calls, at least 1. */
    static CallWindow forRate(double permitsPerSecond, LongSupplier ticker, Sleeper sleeper) {
        int calls = Double.isInfinite(permitsPerSecond) ? 1 << 16 : (int) Math.min(1 << 16, Math.floor(permitsPerSecond));
        return new CallWindow(calls, ticker, sleeper);
    }

    /**
     * Waits until a call may start and returns its ticket, to be passed to {@link #completed(long)} when the
     * call ends (answered or failed).
     */
    long start() throws InterruptedException {
        long ticket;
        long earliest;
        synchronized (this) {
            ticket = issued++;
            int slot = slot(ticket);
            // Wait until the call N places back has started and ended (several threads may share the client).
            while (tickets[slot] != ticket - tickets.length || completions[slot] == IN_FLIGHT) {
                wait(IN_FLIGHT_POLL.toMillis());
            }
            earliest = completions[slot] + WINDOW_NANOS;
            tickets[slot] = ticket;
            completions[slot] = IN_FLIGHT;
        }
        try {
            waitUntil(earliest);
        } catch (InterruptedException e) {
            completed(ticket);
            throw e;
        }
        return ticket;
    }

    /** Records that the call with this ticket has ended. */
    synchronized void completed(long ticket) {
        int slot = slot(ticket);
        if (tickets[slot] == ticket) {
            completions[slot] = ticker.getAsLong();
            notifyAll();
        }
    }

    private int slot(long ticket) {
        return (int) (ticket % tickets.length);
    }

    private void waitUntil(long tick) throws InterruptedException {
        long remaining;
        while ((remaining = tick - ticker.getAsLong()) > 0) {
            sleeper.sleep(Duration.ofNanos(remaining));
        }
    }
}
