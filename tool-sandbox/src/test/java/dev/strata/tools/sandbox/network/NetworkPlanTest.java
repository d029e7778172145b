package dev.strata.tools.sandbox.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPlanTest {
    @Test
    void loopbackKeepsItsAddressAndEveryOtherHostGetsItsOwnAlias() {
        NetworkPlan plan = NetworkPlan.of(List.of("127.0.0.1:8080", "localhost:9000", "api.example.com:443",
            "API.example.com:80", "10.1.2.3:5432", "[2001:db8::1]:443", "db.internal:5432"));
        assertThat(plan.grants()).extracting(NetworkGrant::inside).containsExactly("127.0.0.1:8080", "127.0.0.1:9000",
            "127.77.0.1:443", "127.77.0.1:80", "127.77.0.2:5432", "127.77.0.3:443", "127.77.0.4:5432");
        assertThat(plan.grants().get(5).target()).isEqualTo("[2001:db8::1]:443");
        assertThat(plan.hostsFile()).contains("127.0.0.1\tlocalhost", "127.77.0.1\tapi.example.com\n",
            "127.77.0.4\tdb.internal\n").doesNotContain("10.1.2.3", "2001:db8").doesNotContain("API.example.com");
        assertThat(plan.environment()).startsWith("127.0.0.1:8080=127.0.0.1:8080,")
            .contains("10.1.2.3:5432=127.77.0.2:5432", "[2001:db8::1]:443=127.77.0.3:443");
    }

    @Test
    void duplicatesCollapse() {
        assertThat(NetworkPlan.of(List.of("localhost:80", "127.0.0.1:80", "a.b:1", "a.b:1")).grants()).hasSize(2);
        assertThat(NetworkPlan.of(List.of()).isEmpty()).isTrue();
    }

    @Test
    void badEntriesAreNamed() {
        assertThatThrownBy(() -> NetworkPlan.of(List.of("example.com"))).hasMessageContaining("'example.com' is not host:port");
        assertThatThrownBy(() -> NetworkPlan.of(List.of("example.com:0"))).hasMessageContaining("port must be 1..65535, got '0'");
        assertThatThrownBy(() -> NetworkPlan.of(List.of("example.com:70000"))).hasMessageContaining("got '70000'");
        assertThatThrownBy(() -> NetworkPlan.of(List.of("ex ample.com:80"))).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> NetworkPlan.of(List.of("::1:80"))).hasMessageContaining("in brackets");
        assertThatThrownBy(() -> NetworkPlan.of(List.of("[zz]:80"))).hasMessageContaining("not an IPv6 literal");
        assertThatThrownBy(() -> NetworkPlan.of(List.of("-x.com:80"))).hasMessageContaining("not a host name");
        assertThatThrownBy(() -> NetworkPlan.of(java.util.Collections.nCopies(65, "a.b:1"))).hasMessageContaining("at most 64");
    }

    @Test
    void withoutPythonAToolWithAnAllowListIsRefusedNamingWhatIsMissing() {
        assertThat(Forwarder.unavailableReason(java.nio.file.Path.of("/nonexistent/python3")))
            .contains("needs /nonexistent/python3", "forwarder", "apt-get install -y python3-minimal");
        assertThat(Forwarder.source()).contains("def main(specs)");
    }
}
