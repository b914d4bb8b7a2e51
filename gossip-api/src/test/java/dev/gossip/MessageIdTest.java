package dev.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdTest {

    @Test
    void formatsHighBitsFirstInLowerCase() {
        MessageId id = new MessageId(0x0123456789ABCDEFL, 0xFEDCBA9876543210L);
        assertThat(id).hasToString("0123456789abcdeffedcba9876543210");
        assertThat(new MessageId(0, 1)).hasToString("00000000000000000000000000000001");
    }

    @Test
    void parsesUpperAndLowerCase() {
        assertThat(MessageId.parse("0123456789ABCDEFfedcba9876543210"))
                .isEqualTo(new MessageId(0x0123456789ABCDEFL, 0xFEDCBA9876543210L));
    }

    @Test
    void roundTripsRandomIds() {
        long seed = 20261125L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 1_000; i++) {
            MessageId id = new MessageId(random.nextLong(), random.nextLong());
            assertThat(MessageId.parse(id.toString())).as("seed %d", seed).isEqualTo(id);
        }
        MessageId extreme = new MessageId(Long.MIN_VALUE, -1L);
        assertThat(MessageId.parse(extreme.toString())).isEqualTo(extreme);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "0123",
                "0123456789abcdef0123456789abcdef0",
                "0123456789abcdeg0123456789abcdef",
                " 123456789abcdef0123456789abcdef",
                "+123456789abcdef0123456789abcdef"
            })
    void rejectsAnythingButThirtyTwoHexDigits(String text) {
        assertThatThrownBy(() -> MessageId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 hex digits");
    }
}
