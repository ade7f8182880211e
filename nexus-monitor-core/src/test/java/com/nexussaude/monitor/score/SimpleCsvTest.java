package com.nexussaude.monitor.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SimpleCsvTest {

    @Test
    void quotedFieldsWithCommasAndDoubledQuotes() {
        List<List<String>> r = SimpleCsv.parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n,,\n");
        assertThat(r).containsExactly(List.of("a", "b", "c"), List.of("1", "x, y", "say \"hi\""),
                List.of("", "", ""));
    }

    @Test
    void quotedLineBreakAndNoTrailingNewline() {
        assertThat(SimpleCsv.parse("h1,h2\n\"a\nb\",2")).containsExactly(List.of("h1", "h2"), List.of("a\nb", "2"));
    }

    @Test
    void headerWidthIsChecked() {
        assertThatThrownBy(() -> SimpleCsv.parseWithHeader("a,b\n1,2,3\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 1 has 3 fields");
        assertThat(SimpleCsv.parseWithHeader("a,b\n1,\"2,3\"\n")).singleElement()
                .satisfies(m -> assertThat(m).containsEntry("a", "1").containsEntry("b", "2,3"));
    }

    @Test
    void unterminatedQuoteIsRejected() {
        assertThatThrownBy(() -> SimpleCsv.parse("a,\"b")).hasMessageContaining("unterminated");
    }
}
