package cn.hrss.monitor.devstack.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class's {@code @BeforeAll} the one {@link BoundedRun} of this test execution: the first class to ask
 * starts it, later classes reuse it, and JUnit closes it (stack and all) when the whole execution ends.
 */
final class SharedBoundedRun implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == BoundedRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getRoot().getStore(ExtensionContext.Namespace.create(SharedBoundedRun.class))
                .getOrComputeIfAbsent(BoundedRun.class, k -> {
                    try {
                        return BoundedRun.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("the end-to-end run failed: " + e.getMessage(), e);
                    }
                }, BoundedRun.class);
    }
}
