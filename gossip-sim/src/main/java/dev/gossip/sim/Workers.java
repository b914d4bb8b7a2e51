package dev.gossip.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs an experiment's independent units (trials, overlays, runs) on {@code threads} threads and
 * hands their results back in submission order, so that whatever is merged from them is merged in
 * the same order for any thread count. Each unit must draw its randomness from its own seed only
 * (derived from the master seed and the unit's index), never from a generator it shares.
 *
 * <p>With one thread nothing is started: each unit runs on the calling thread when its result is
 * asked for. Used from one thread; {@link #close()} stops the threads, abandoning units not run.
 */
final class Workers implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final @Nullable ExecutorService pool;
    private final List<Future<?>> submitted = new ArrayList<>();

    Workers(int threads) {
        Check.atLeast("threads", threads, 1);
        if (threads == 1) {
            pool = null;
        } else {
            int id = POOLS.incrementAndGet();
            AtomicInteger count = new AtomicInteger();
            pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "gossip-sim-" + id + "-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** @return the number of threads to use when none is asked for: every core */
    static int allCores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** A unit's result, to be asked for in submission order. */
    static final class Result<T> {
        private final Future<T> future;
        private final @Nullable FutureTask<T> inline;

        private Result(Future<T> future, @Nullable FutureTask<T> inline) {
            this.future = future;
            this.inline = inline;
        }

        /**
         * Waits for the unit (runs it here with one thread) and returns its result.
         *
         * @throws RuntimeException what the unit threw, unwrapped when it was unchecked
         */
        T get() {
            if (inline != null) {
                inline.run();
            }
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a simulation unit", e);
            } catch (CancellationException e) {
                throw new IllegalStateException("simulation unit cancelled", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    /** Queues a unit; units start in submission order as threads free up. */
    <T> Result<T> submit(Callable<T> unit) {
        if (pool == null) {
            FutureTask<T> task = new FutureTask<>(unit);
            return new Result<>(task, task);
        }
        Future<T> future = pool.submit(unit);
        submitted.add(future);
        return new Result<>(future, null);
    }

    @Override
    public void close() {
        if (pool != null) {
            for (Future<?> f : submitted) {
                f.cancel(true);
            }
            pool.shutdownNow();
        }
    }
}
