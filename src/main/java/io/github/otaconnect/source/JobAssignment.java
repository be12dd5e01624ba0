package io.github.otaconnect.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Spreads jobs over tasks and the QPS budget over those tasks. Jobs go to the least loaded task, biggest
 * first (longest-processing-time), where a job's load is the calls one scan of it costs. Each task's
 * share of the budget follows its load, so one big job can use almost the whole budget; a floor keeps a
 * task with small jobs from starving.
 *
 * <p>The budget ({@code ota.qps.per.action}) is what the whole connector may use, every caller counted: the
 * tasks and the connector's own monitor ({@link JobMonitor}: job discovery, and the one-call size probe of
 * each job). The rule:
 * <ul>
 *   <li>An assignment during which the monitor may call sets the monitor's share aside
 *       ({@link #monitorShare}, min(1, 10 %) of the budget), and the tasks share the rest: whenever job
 *       discovery is on, or any assigned job has not been sized yet.</li>
 *   <li>Otherwise (no discovery, every job sized) the monitor makes no calls, and the tasks share the whole
 *       budget. The monitor asks for a new assignment as soon as the last size arrives.</li>
 *   <li>The monitor keeps to it: it probes only jobs it has never sized, and only before the connector's
 *       first assignment (which waits for that first round) or while the assignment in force sets its share
 *       aside; discovery runs only where every assignment sets it aside.</li>
 * </ul>
 * So the monitor's share and the tasks' shares of one assignment never add up to more than the budget. With
 * a whole-number budget of at least one query per second per caller, neither do their calls in any one
 * second: the tasks' shares are then whole numbers adding up to the budget (less one while the monitor may
 * call), each task's client keeps to floor(share) calls in any second, and the monitor's client to one.
 *
 * <p>One overlap is left, by choice: a connector restarted while its tasks keep running (a connector-only
 * restart, or a rebalance that moves only the connector) sizes its jobs again in its first round, beside
 * tasks that an earlier assignment may have given the whole budget: at most one extra call per second for
 * those few seconds. Closing it would mean no probe before the new connector's own assignment is in
 * force, which makes every connector start reassign twice, and every reassignment restarts the tasks,
 * which then read each of their jobs in full.
 */
final class JobAssignment {

    /** A task never gets less than this fraction of an even split. */
    private static final double MIN_SHARE_OF_EVEN_SPLIT = 0.25;
    /** The connector's background calls are few: a tenth of the budget, at most one query per second. */
    private static final double MONITOR_FRACTION = 0.1;
    private static final double MONITOR_MAX_QPS = 1.0;

    private JobAssignment() {
    }

    /** The queries per second per action that the connector's monitor (discovery, job sizes) may use. */
    static double monitorShare(double budget) {
        return Math.min(MONITOR_MAX_QPS, budget * MONITOR_FRACTION);
    }

    /**
     * What the tasks may share: the budget less the monitor's share when the monitor may call during the
     * assignment ({@link JobMonitor.Assignment#monitorMayCall()}), else the whole budget, because a share
     * reserved for a monitor that has nothing left to do would only slow the tasks down.
     */
    static double taskBudget(double budget, boolean monitorMayCall) {
        if (!monitorMayCall) {
            return budget;
        }
        // Rounded down in the last digits so that floating point can never sum above the budget.
        return Math.floor((budget - monitorShare(budget)) * 1e6) / 1e6;
    }

    /** One task's part: its jobs and its queries per second per action. */
    record TaskShare(List<String> jobIds, double qpsPerAction) {
    }

    /**
     * @param jobIds    the jobs, in configuration order
     * @param taskCount the calls one scan of each job costs (jobs missing from the map count as one page)
     */
    static List<TaskShare> assign(List<String> jobIds, Map<String, Long> scanCosts, int maxTasks, double budget) {
        int tasks = Math.min(maxTasks, jobIds.size());
        if (tasks == 0) {
            return List.of();
        }
        List<String> bySize = new ArrayList<>(jobIds);
        bySize.sort(Comparator.comparing((String id) -> cost(scanCosts, id)).reversed()
                .thenComparing(jobIds::indexOf));
        List<List<String>> groups = new ArrayList<>();
        long[] loads = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            groups.add(new ArrayList<>());
        }
        for (String id : bySize) {
            int lightest = 0;
            for (int i = 1; i < tasks; i++) {
                if (loads[i] < loads[lightest]) {
                    lightest = i;
                }
            }
            groups.get(lightest).add(id);
            loads[lightest] += cost(scanCosts, id);
        }
        long totalLoad = 0;
        for (long load : loads) {
            totalLoad += load;
        }
        double floor = MIN_SHARE_OF_EVEN_SPLIT / tasks;
        double[] weights = new double[tasks];
        double weightSum = 0;
        for (int i = 0; i < tasks; i++) {
            weights[i] = Math.max((double) loads[i] / totalLoad, floor);
            weightSum += weights[i];
        }
        double[] qps = new double[tasks];
        for (int i = 0; i < tasks; i++) {
            // Rounded down in the last digits so that floating point can never sum above the budget.
            qps[i] = Math.floor(budget * weights[i] / weightSum * 1e6) / 1e6;
        }
        if (budget >= tasks) {
            qps = wholeShares(qps, (int) Math.floor(budget));
        }
        List<TaskShare> shares = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            groups.get(i).sort(Comparator.comparing(jobIds::indexOf));
            shares.add(new TaskShare(List.copyOf(groups.get(i)), qps[i]));
        }
        return shares;
    }

    /**
     * Rounds the shares to whole queries per second that add up to {@code total} (largest remainders first,
     * at least one each). The gateway counts calls per second: each client keeps at most floor(share) calls
     * in any second, so only whole shares add up to at most the budget in every second.
     */
    private static double[] wholeShares(double[] shares, int total) {
        int[] whole = new int[shares.length];
        int assigned = 0;
        for (int i = 0; i < shares.length; i++) {
            whole[i] = Math.max(1, (int) Math.floor(shares[i]));
            assigned += whole[i];
        }
        while (assigned > total) {
            int largest = 0;
            for (int i = 1; i < whole.length; i++) {
                if (whole[i] > whole[largest]) {
                    largest = i;
                }
            }
            whole[largest]--;
            assigned--;
        }
        while (assigned < total) {
            int mostShort = 0;
            for (int i = 1; i < whole.length; i++) {
                if (shares[i] - whole[i] > shares[mostShort] - whole[mostShort]) {
                    mostShort = i;
                }
            }
            whole[mostShort]++;
            assigned++;
        }
        double[] result = new double[whole.length];
        for (int i = 0; i < whole.length; i++) {
            result[i] = whole[i];
        }
        return result;
    }

    private static long cost(Map<String, Long> scanCosts, String jobId) {
        return Math.max(1L, scanCosts.getOrDefault(jobId, 1L));
    }
}
