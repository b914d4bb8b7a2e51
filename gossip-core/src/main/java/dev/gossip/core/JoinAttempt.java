package dev.gossip.core;

import dev.gossip.Address;
import dev.gossip.JoinException;
import dev.gossip.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One call of {@code join}/{@code joinAsync}: the seeds to try in turn, the timers that re-send the
 * subscription and end the attempt, and the future the caller waits on. The node calls
 * {@link #subscribeNext} and {@link #timers} under its lock; completion happens outside it, so that
 * the caller's dependent actions never run under the node's lock.
 */
final class JoinAttempt {

    private final List<Address> seeds;
    private final Duration timeout;
    private final CompletableFuture<Void> future = new CompletableFuture<>();
    private volatile int sent;
    private volatile @Nullable ScheduledFuture<?> retryTask;
    private volatile @Nullable ScheduledFuture<?> timeoutTask;

    JoinAttempt(List<Address> seeds, Duration timeout) {
        this.seeds = List.copyOf(seeds);
        this.timeout = timeout;
    }

    CompletableFuture<Void> future() {
        return future;
    }

    boolean isDone() {
        return future.isDone();
    }

    /** Subscribes through the next seed in turn: the first, then the second, ... and round again. */
    void subscribeNext(GossipEngine engine) {
        Address seed = seeds.get(sent % seeds.size());
        sent++;
        engine.join(new NodeId(seed));
    }

    void timers(ScheduledFuture<?> retry, ScheduledFuture<?> deadline) {
        this.retryTask = retry;
        this.timeoutTask = deadline;
    }

    void succeed() {
        cancelTimers();
        future.complete(null);
    }

    void timedOut() {
        fail("no seed accepted the subscription within " + timeout);
    }

    void fail(String why) {
        cancelTimers();
        future.completeExceptionally(new JoinException("Join failed: " + why + "; seeds " + seeds + ", timeout "
                + timeout + ", " + sent + " subscription(s) sent"));
    }

    private void cancelTimers() {
        if (retryTask != null) {
            retryTask.cancel(false);
        }
        if (timeoutTask != null) {
            timeoutTask.cancel(false);
        }
    }
}
