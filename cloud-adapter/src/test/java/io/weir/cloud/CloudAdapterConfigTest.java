package io.weir.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CloudAdapterConfigTest {
    private final CloudAdapterConfig config = CloudAdapterConfig.of("tcp://localhost:1883", "adapter",
            "jdbc:postgresql://db/weir?user=weir&password=hunter2", URI.create("http://county"), "weir", "s3cret");

    @Test
    void toStringHidesTheSecretAndDatabasePassword() {
        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("hunter2").contains("appKey=weir");
    }

    @Test
    void sharedGroupIsOneTopicLevel() {
        assertThat(config.withSharedSubscriptionGroup("weir-adapter").sharedSubscriptionGroup())
                .isEqualTo("weir-adapter");
        assertThatThrownBy(() -> config.withSharedSubscriptionGroup("a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withSharedSubscriptionGroup("#")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSmallClassBelongsToItsLargeClass() {
        assertThatThrownBy(() -> new CaseClass("EVENT", "04", "0101", "x", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0101");
    }
}
