package io.llmopt.testkit;

import io.llmopt.sim.SimulatedLlmServer;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method a fresh {@link SimulatedLlmServer} and closes it afterwards:
 *
 * <pre>{@code
 * @ExtendWith(SimulatedLlmExtension.class)
 * class MyClientTest {
 *     @Test
 *     void answers(SimulatedLlmServer sim) {
 *         sim.reply("42");
 *         // ... call sim.baseUrl()
 *     }
 * }
 * }</pre>
 *
 * Parameters of test methods and of {@code @BeforeEach}/{@code @AfterEach} methods are resolved;
 * within one test method they all get the same server. (A {@code @BeforeAll} parameter gets one
 * server for the class, which JUnit closes with the class's store.)
 */
public final class SimulatedLlmExtension implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SimulatedLlmExtension.class);
    private static final String KEY = "server";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SimulatedLlmServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return server(extensionContext);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SimulatedLlmServer server = context.getStore(NAMESPACE).remove(KEY, SimulatedLlmServer.class);
        if (server != null) {
            server.close();
        }
    }

    /** The server of the current test method (or class), started on first use. */
    private static SimulatedLlmServer server(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, k -> SimulatedLlmServer.start(), SimulatedLlmServer.class);
    }
}
