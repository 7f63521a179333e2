package io.lifestrands.monitor.api.archfixture.b;

import io.lifestrands.monitor.api.archfixture.a.Planted;

/** The other half of the deliberate package cycle. */
public class Partner {

    public Planted back() {
        return null;
    }
}
