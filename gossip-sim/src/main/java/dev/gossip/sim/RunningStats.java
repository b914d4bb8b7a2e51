package dev.gossip.sim;

/**
 * Mean, standard deviation, minimum and maximum of a stream of numbers. The mean is the plain sum
 * over the count (exact for integer inputs, so equal totals give equal means); the deviation uses
 * Welford's method.
 */
final class RunningStats {

    private long count;
    private double mean;
    private double sum;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    void add(double x) {
        count++;
        sum += x;
        double delta = x - mean;
        mean += delta / count;
        m2 += delta * (x - mean);
        min = Math.min(min, x);
        max = Math.max(max, x);
    }

    long count() {
        return count;
    }

    double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** @return the sample standard deviation, 0 for fewer than two values */
    double sd() {
        return count < 2 ? 0 : Math.sqrt(m2 / (count - 1));
    }

    double min() {
        return count == 0 ? Double.NaN : min;
    }

    double max() {
        return count == 0 ? Double.NaN : max;
    }
}
