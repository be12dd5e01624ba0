package io.github.otaconnect.source;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The WARN and ERROR lines the connector's classes log while a test runs, for tests of what an operator
 * is told. The console keeps its output; this only listens alongside.
 */
final class WarnLines implements AutoCloseable {

    private static final String CONNECTOR_LOGGERS = "io.github.otaconnect";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** One line as logged: the logger's simple name, the level and the formatted message. */
    record Line(String logger, Level level, String text) {
    }

    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();
    private final AbstractAppender appender;

    private WarnLines() {
        appender = new AbstractAppender("warn-lines-" + INSTANCES.incrementAndGet(), null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                String name = event.getLoggerName();
                lines.add(new Line(name.substring(name.lastIndexOf('.') + 1), event.getLevel(),
                        event.getMessage().getFormattedMessage()));
            }
        };
    }

    static WarnLines capture() {
        WarnLines capture = new WarnLines();
        capture.appender.start();
        capture.loggerConfig().addAppender(capture.appender, Level.WARN, null);
        capture.context.updateLoggers();
        return capture;
    }

    /** Lines of this logger (simple class name) that contain every fragment. */
    List<Line> of(String logger, String... fragments) {
        return lines.stream().filter(line -> line.logger().equals(logger))
                .filter(line -> List.of(fragments).stream().allMatch(line.text()::contains))
                .toList();
    }

    List<Line> all() {
        return List.copyOf(lines);
    }

    private LoggerConfig loggerConfig() {
        LoggerConfig config = context.getConfiguration().getLoggerConfig(CONNECTOR_LOGGERS);
        if (!config.getName().equals(CONNECTOR_LOGGERS)) {
            throw new IllegalStateException("log4j2-test.xml no longer configures " + CONNECTOR_LOGGERS);
        }
        return config;
    }

    @Override
    public void close() {
        loggerConfig().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
