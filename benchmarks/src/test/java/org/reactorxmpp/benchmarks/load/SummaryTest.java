package org.reactorxmpp.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SummaryTest {

    private static Map<String, Object> run(String impl, double rate, double cpu) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("impl", impl);
        m.put("round", 1);
        m.put("msgsPerSecond", rate);
        m.put("clientCpuMsPerMessage", cpu);
        m.put("firstErrors", List.of());
        return m;
    }

    @Test
    @SuppressWarnings("unchecked")
    void mediansRangesRatiosAndFractionsOfTheRawReference() {
        Map<String, Object> s = Summary.of(List.of(
            run("ours", 100, 0.5), run("smack", 10, 2.0), run("raw", 200, 0.1),
            run("ours", 300, 0.4), run("smack", 30, 3.0), run("raw", 400, 0.1),
            run("ours", 200, 0.6), run("smack", 20, 1.0), run("raw", 300, 0.1)));

        Map<String, Double> ours = (Map<String, Double>) s.get("ours");
        assertThat(ours).containsEntry("msgsPerSecond", 200.0).containsEntry("clientCpuMsPerMessage", 0.5)
            .doesNotContainKey("round");
        Map<String, Object> range = (Map<String, Object>) ((Map<String, Object>) s.get("range")).get("smack");
        assertThat(range.get("msgsPerSecond")).isEqualTo(List.of(10.0, 30.0));
        assertThat((Map<String, Double>) s.get("ratioOursToSmack")).containsEntry("msgsPerSecond", 10.0)
            .containsEntry("clientCpuMsPerMessage", 0.25);
        Map<String, Object> fractions = (Map<String, Object>) s.get("fractionOfRaw");
        assertThat((Map<String, Double>) fractions.get("ours")).containsEntry("msgsPerSecond", 0.667);
        assertThat((Map<String, Double>) fractions.get("smack")).containsEntry("msgsPerSecond", 0.067);
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        Map<String, Object> s = Summary.of(List.of(run("ours", 100, 1), run("ours", 300, 3)));
        assertThat(s.get("ours")).isEqualTo(Map.of("msgsPerSecond", 200.0, "clientCpuMsPerMessage", 2.0));
        assertThat(s).doesNotContainKeys("ratioOursToSmack", "fractionOfRaw");
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientCpuPerLoginIsRelatedToTheScramFloor() {
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("impl", "ours");
        login.put("clientCpuMsPerLogin", 6.0);
        Map<String, Object> s = Summary.of(List.of(login));
        Summary.addScramFloor(s, 1.5);
        assertThat((Map<String, Double>) s.get("ours")).containsEntry("clientCpuOverScramFloor", 4.0);
    }
}
