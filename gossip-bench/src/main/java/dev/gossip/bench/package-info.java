/**
 * The benchmark suite, one jar ({@code mvn -pl gossip-bench -am package}, then
 * {@code gossip-bench/target/benchmarks.jar}): JMH benchmarks of the hot path
 * ({@code HotPathBenchmark.receiveAndForward} against {@code HotPathBenchmark.baseline}), the codec,
 * the dedup set and UDP throughput ({@code java -jar benchmarks.jar} runs them all), UDP forwarding
 * against raw NIO in interleaved windows ({@code java -cp benchmarks.jar dev.gossip.bench.UdpRatioMain},
 * with {@code UdpSendCostMain} splitting a send's CPU cost), the latency race of our flood and tree
 * against ScaleCube and JGroups ({@code RaceMain}, {@code gossip bench race}) and the sustained
 * throughput race of flood, tree and JGroups ({@code ThroughputMain}, {@code gossip bench
 * throughput}). Every benchmark has a baseline measured in the same run; docs/benchmarks.md has the
 * commands and the results.
 */
@NullMarked
package dev.gossip.bench;

import org.jspecify.annotations.NullMarked;
