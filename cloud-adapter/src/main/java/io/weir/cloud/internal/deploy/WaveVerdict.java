package io.weir.cloud.internal.deploy;

import io.weir.cloud.deploy.JobState;
import io.weir.cloud.deploy.JobStatus;
import io.weir.cloud.deploy.RolloutStatus;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a running rollout's current wave calls for. A wave passes when every job of it is final and at least the
 * success threshold of them succeeded; it halts the rollout as soon as too many have failed for the threshold to be
 * reached, even with gateways still installing. The last wave holds nothing back, so it is never halted: it finishes
 * the rollout once every job (retried ones of earlier waves too) is final. A wave the operator resumed after a halt
 * ({@code waivedWave}) is judged only by being over.
 *
 * @param reason why it halts, or how the wave passed
 */
record WaveVerdict(Step step, String reason) {

    enum Step { WAIT, HALT, NEXT_WAVE, FINISH }

    static WaveVerdict judge(RolloutStatus rollout, List<JobStatus> activeJobs, int waivedWave) {
        int wave = rollout.currentWave();
        List<JobStatus> its = activeJobs.stream().filter(j -> j.wave() == wave).toList();
        int succeeded = (int) its.stream().filter(j -> j.state() == JobState.SUCCEEDED).count();
        List<JobStatus> failed = its.stream().filter(j -> j.state().isFinal() && j.state() != JobState.SUCCEEDED)
                .toList();
        int running = its.size() - succeeded - failed.size();
        int needed = WavePlan.needed(rollout.successThreshold(), its.size());
        boolean last = wave >= rollout.waveCount();
        if (last) {
            return activeJobs.stream().allMatch(j -> j.state().isFinal()) ? new WaveVerdict(Step.FINISH, null)
                    : new WaveVerdict(Step.WAIT, null);
        }
        if (wave > waivedWave && succeeded + running < needed) {
            return new WaveVerdict(Step.HALT, "wave " + wave + " of " + rollout.waveCount() + ": " + failed.size()
                    + " of " + its.size() + " gateway(s) did not succeed (" + failed.stream().map(WaveVerdict::why)
                    .collect(Collectors.joining("; ")) + "); the success threshold of " + rollout.successThreshold()
                    + " % needs " + needed + " of " + its.size());
        }
        if (running > 0) {
            return new WaveVerdict(Step.WAIT, null);
        }
        return new WaveVerdict(Step.NEXT_WAVE, succeeded + " of " + its.size() + " succeeded");
    }

    private static String why(JobStatus job) {
        return (job.canary() ? "canary " : "") + job.gatewayId() + " ended " + job.state()
                + (job.detail() == null ? "" : ": " + job.detail());
    }
}
