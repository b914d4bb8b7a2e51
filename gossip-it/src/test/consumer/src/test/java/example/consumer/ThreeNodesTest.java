package example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ThreeNodesTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void everyNodeDeliversEveryMessageOfTheOthers() throws InterruptedException {
        assertEquals(ThreeNodes.EXPECTED, ThreeNodes.run());
    }
}
