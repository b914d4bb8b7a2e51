/**
 * JMH benchmarks of the hot path. Build with {@code mvn -pl gossip-bench -am package} and run
 * {@code java -jar gossip-bench/target/benchmarks.jar HotPath -f 1 -wi 2 -i 3 -w 1s -r 1s}
 * (add {@code -prof gc} to see allocation per operation).
 */
package dev.gossip.bench;
