package io.github.otaconnect.quickstart;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JVM to start as a child process.
 *
 * @param name        short name for logs and messages, also the log file's name ({@code <name>.log})
 * @param classpath   entries as {@code java -cp} takes them ({@code dir/*} for every jar of a folder)
 * @param jvmOptions  heap size, system properties and the like
 * @param mainClass   the class whose {@code main} runs
 * @param args        program arguments
 * @param environment variables added to the inherited environment
 */
public record JavaCommand(String name, List<String> classpath, List<String> jvmOptions, String mainClass,
                          List<String> args, Map<String, String> environment) {

    public JavaCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mainClass, "mainClass");
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("name must be lower-case letters, digits and '-': " + name);
        }
        classpath = List.copyOf(classpath);
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
    }

    /** Every jar in {@code dir}, in the form {@code java -cp} expands itself. */
    public static String allJarsIn(Path dir) {
        return dir.toAbsolutePath().resolve("*").toString();
    }
}
