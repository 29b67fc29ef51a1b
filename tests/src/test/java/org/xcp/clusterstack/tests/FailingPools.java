package org.xcp.clusterstack.tests;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The pools a test made: when the test fails, every host's liveset and log go to stderr; after every test,
 * pass or fail, every daemon is resumed and stopped and every leftover watchdog killed.
 */
final class FailingPools implements AfterTestExecutionCallback, AfterEachCallback {
    private final List<PoolUnderTest> pools = new ArrayList<>();

    PoolUnderTest add(PoolUnderTest pool) {
        pools.add(pool);
        return pool;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            pools.forEach(p -> System.err.println(context.getDisplayName() + " failed:\n" + p.describe()));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        cleanUp();
    }

    void cleanUp() {
        pools.forEach(PoolUnderTest::cleanUp);
        pools.clear();
    }
}
