package dev.gossip.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdinLinesTest {

    private static List<String> lines(String input) throws IOException {
        StdinLines in = new StdinLines(new StringReader(input));
        List<String> lines = new ArrayList<>();
        for (String line = in.next(); line != null; line = in.next()) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void aLoneCarriageReturnDoesNotSplitALine() throws IOException {
        assertThat(lines("one\rstill one\ntwo\n")).containsExactly("one\rstill one", "two");
    }

    @Test
    void crlfEndsALineLikeLf() throws IOException {
        assertThat(lines("one\r\ntwo\r\n\r\nfour")).containsExactly("one", "two", "", "four");
    }

    @Test
    void endOfInputEndsALastLineWithText() throws IOException {
        assertThat(lines("")).isEmpty();
        assertThat(lines("x")).containsExactly("x");
        assertThat(lines("x\n")).containsExactly("x");
    }

    @Test
    void linesLongerThanTheBufferStayWhole() throws IOException {
        String longLine = "y".repeat(20_000);
        assertThat(lines(longLine + "\r\n" + longLine)).containsExactly(longLine, longLine);
    }
}
