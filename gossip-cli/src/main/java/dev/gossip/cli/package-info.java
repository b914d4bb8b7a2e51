/**
 * The {@code gossip} command line: {@code gossip demo} runs a whole cluster in one process and
 * measures delivery; {@code gossip node} runs one real node that broadcasts the lines of its
 * standard input and prints what it receives; {@code gossip send} joins, broadcasts and leaves;
 * {@code gossip bench} runs the JMH suite from gossip-bench's jar. Micronaut creates the commands
 * and reads their options from the environment and {@code application.yml}; Picocli parses the
 * flags, which map onto the same config builders library users call.
 */
@NullMarked
package dev.gossip.cli;

import org.jspecify.annotations.NullMarked;
