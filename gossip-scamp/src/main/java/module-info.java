/**
 * SCAMP partial-view membership (Ganesh, Kermarrec, Massoulié 2003) as a sans-IO {@link
 * dev.gossip.spi.Membership}, registered under the provider name {@code scamp}.
 */
module dev.gossip.scamp {
    requires static org.jspecify; // nullness annotations, read at compile time only
    requires dev.gossip;

    exports dev.gossip.scamp;

    provides dev.gossip.spi.MembershipProvider with
            dev.gossip.scamp.ScampMembershipProvider;
}
