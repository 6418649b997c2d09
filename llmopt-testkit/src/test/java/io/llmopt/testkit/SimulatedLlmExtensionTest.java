package io.llmopt.testkit;

import io.llmopt.sim.SimulatedLlmServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ConnectException;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(SimulatedLlmExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatedLlmExtensionTest {

    private static int firstPort;
    private SimulatedLlmServer fromBeforeEach;

    @BeforeEach
    void setUp(SimulatedLlmServer sim) {
        fromBeforeEach = sim;
    }

    @Test
    @Order(1)
    void injectsOneServerPerTestMethod(SimulatedLlmServer sim) {
        assertThat(sim).isSameAs(fromBeforeEach);
        assertThatCode(() -> new Socket("127.0.0.1", sim.port()).close()).doesNotThrowAnyException();
        firstPort = sim.port();
    }

    @Test
    @Order(2)
    void theNextTestGetsAFreshServerAndThePreviousOneIsClosed(SimulatedLlmServer sim) {
        assertThat(sim.requestCount()).isZero();
        assertThat(sim.port()).isNotEqualTo(firstPort);
        assertThatThrownBy(() -> new Socket("127.0.0.1", firstPort).close()).isInstanceOf(ConnectException.class);
    }

    @AfterAll
    static void reset() {
        firstPort = 0;
    }
}
