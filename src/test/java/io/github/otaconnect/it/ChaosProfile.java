package io.github.otaconnect.it;

import java.time.Duration;
import java.util.Locale;

/**
 * How hard the chaos and crash tests push, from the system property {@code it.profile} that failsafe passes
 * from the pom: {@code ci} (the default) keeps the whole chaos suite within a few minutes on two cores;
 * {@code long} ({@code mvn -B verify -Dit.profile=long}) runs more restarts, bigger jobs, more faults and
 * longer outages. The seed ({@code -Dit.chaos.seed=...}) fixes the fault and restart plan, so a failing
 * run can be repeated.
 */
record ChaosProfile(String name, long seed, int workerRestarts, int crashes, int jobScale, double faultRate,
                    Duration outage, Duration runBudget) {

    static ChaosProfile current() {
        String name = System.getProperty("it.profile", "ci").trim().toLowerCase(Locale.ROOT);
        long seed = Long.getLong("it.chaos.seed", 20_240_501L);
        return switch (name) {
            case "long" -> new ChaosProfile(name, seed, 30, 5, 4, 0.15, Duration.ofSeconds(90), Duration.ofMinutes(30));
            case "ci", "" -> new ChaosProfile("ci", seed, 10, 2, 1, 0.10, Duration.ofSeconds(15), Duration.ofMinutes(6));
            default -> throw new IllegalArgumentException("it.profile must be 'ci' or 'long', was '" + name + "'");
        };
    }

    /** Task count of a job, scaled by the profile. */
    int tasks(int ciCount) {
        return ciCount * jobScale;
    }
}
