package dev.stratus.compat;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives end-to-end test classes the one {@link RunningCloud}: started by the first class that asks for it,
 * stopped by JUnit (the root store closes it) after the last.
 */
final class CloudExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningCloud.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(RunningCloud.class, key -> {
                    try {
                        return RunningCloud.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("the cloud did not start: " + e.getMessage(), e);
                    }
                }, RunningCloud.class);
    }
}
