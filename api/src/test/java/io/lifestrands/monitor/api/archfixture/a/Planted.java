package io.lifestrands.monitor.api.archfixture.a;

import io.lifestrands.monitor.api.archfixture.b.Partner;

/** Half of a deliberate package cycle: {@code PackageBoundariesTest} must reject it. */
public class Planted {

    public Partner partner() {
        return new Partner();
    }
}
