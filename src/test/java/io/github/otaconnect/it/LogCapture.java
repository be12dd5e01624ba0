package io.github.otaconnect.it;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Sees every log event of chosen loggers in this JVM (the embedded Connect workers included) while a test
 * runs, at a chosen level, through an appender added programmatically. Each event is rendered as its
 * message plus the class and message of every throwable in its cause chain (and their suppressed ones),
 * which is what an operator's log shows besides stack frames.
 *
 * <p>The console keeps its usual verbosity: the captured loggers stop passing events up to the root
 * logger and write to the root's appenders themselves, at the level the configuration had for them.
 * Events at or above {@code keepLevel} are kept (bounded) for assertions on what the logs say; every
 * event is checked against the watched strings, so a test can scan a DEBUG flood without keeping it.
 */
final class LogCapture implements AutoCloseable {

    private static final int MAX_KEPT = 50_000;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** One kept log line. */
    record Line(Level level, String logger, String text) {
        @Override
        public String toString() {
            return level + " " + logger + " - " + text;
        }
    }

    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final Map<String, LoggerConfig> replaced = new HashMap<>();
    private final List<String> names = new ArrayList<>();
    private final Level keepLevel;
    private final List<String> watched;
    private final ConcurrentLinkedQueue<Line> kept = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Line> hits = new ConcurrentLinkedQueue<>();
    private final AtomicLong events = new AtomicLong();
    private final Map<Level, LongAdder> eventsByLevel = new ConcurrentHashMap<>();
    private final AtomicInteger keptCount = new AtomicInteger();
    private final AbstractAppender appender;

    private LogCapture(Level keepLevel, List<String> watched) {
        this.keepLevel = keepLevel;
        this.watched = List.copyOf(watched);
        this.appender = new AbstractAppender("it-log-capture-" + INSTANCES.incrementAndGet(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                record(event);
            }
        };
    }

    /**
     * Starts capturing the given loggers (and their descendants) at {@code captureLevel}.
     *
     * @param keepLevel events at or above it are kept for {@link #lines()}
     * @param watched   strings that must be found wherever they occur, at any level ({@link #hits()})
     */
    static LogCapture start(Level captureLevel, Level keepLevel, List<String> watched, String... loggers) {
        LogCapture capture = new LogCapture(keepLevel, watched);
        capture.install(captureLevel, loggers);
        return capture;
    }

    private void install(Level captureLevel, String... loggers) {
        appender.start();
        Configuration config = context.getConfiguration();
        LoggerConfig root = config.getRootLogger();
        for (String name : loggers) {
            LoggerConfig previous = config.getLoggerConfig(name);
            if (previous.getName().equals(name)) {
                replaced.put(name, previous);
                config.removeLogger(name);
            }
            Level consoleLevel = previous.getLevel();
            LoggerConfig capturing = new LoggerConfig(name, captureLevel, false);
            capturing.addAppender(appender, captureLevel, null);
            for (Appender console : root.getAppenders().values()) {
                capturing.addAppender(console, consoleLevel, null);
            }
            config.addLogger(name, capturing);
            names.add(name);
        }
        context.updateLoggers();
    }

    private void record(LogEvent event) {
        events.incrementAndGet();
        eventsByLevel.computeIfAbsent(event.getLevel(), l -> new LongAdder()).increment();
        StringBuilder text = new StringBuilder(String.valueOf(event.getMessage().getFormattedMessage()));
        appendThrowable(text, event.getThrown(), 0);
        Line line = new Line(event.getLevel(), event.getLoggerName(), text.toString());
        for (String secret : watched) {
            if (line.text().contains(secret)) {
                hits.add(line);
                break;
            }
        }
        if (event.getLevel().isMoreSpecificThan(keepLevel) && keptCount.incrementAndGet() <= MAX_KEPT) {
            kept.add(line);
        }
    }

    private static void appendThrowable(StringBuilder text, Throwable thrown, int depth) {
        for (Throwable t = thrown; t != null && depth < 20; t = t.getCause(), depth++) {
            text.append(" | ").append(t);
            for (Throwable suppressed : t.getSuppressed()) {
                appendThrowable(text, suppressed, depth + 1);
            }
        }
    }

    /** Events seen so far, at every level. */
    long events() {
        return events.get();
    }

    /** Events seen so far at exactly this level. */
    long events(Level level) {
        LongAdder count = eventsByLevel.get(level);
        return count == null ? 0 : count.sum();
    }

    /** Kept lines (at or above the keep level), oldest first. */
    List<Line> lines() {
        return List.copyOf(kept);
    }

    /** Kept lines containing every one of the fragments. */
    List<Line> linesContaining(String... fragments) {
        List<Line> matching = new ArrayList<>();
        for (Line line : kept) {
            boolean all = true;
            for (String fragment : fragments) {
                all &= line.text().contains(fragment);
            }
            if (all) {
                matching.add(line);
            }
        }
        return matching;
    }

    /** Lines, at any level, that contain a watched string. */
    List<Line> hits() {
        return List.copyOf(hits);
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        for (String name : names) {
            config.removeLogger(name);
            LoggerConfig previous = replaced.get(name);
            if (previous != null) {
                config.addLogger(name, previous);
            }
        }
        context.updateLoggers();
        appender.stop();
    }
}
