package dev.gossip.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ({@code Implementation-Version}), or {@code dev} outside a jar. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = GossipCli.class.getPackage().getImplementationVersion();
        return new String[] {"gossip " + (version == null ? "dev" : version)};
    }
}
