/**
 * The {@code gossip} command line: {@code gossip demo} runs a whole cluster in one process and
 * measures delivery; {@code gossip node} runs one real node that broadcasts the lines of its
 * standard input and prints what it receives. Micronaut creates the commands and the beans they
 * use; Picocli parses the flags, which map onto the same config builders library users call.
 */
package dev.gossip.cli;
